using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Provenance.Capture.Web;

/// <summary>
/// The tokens a web view accepts: a text file of one line per token, <c>&lt;sha256 of the token, hex&gt;
/// &lt;project&gt;[,&lt;project&gt;…]</c> (<c>*</c>: every project); blank lines and lines starting with <c>#</c> are
/// skipped. Tokens are never stored in clear. The file is read again when it changes, so a token added while
/// the server runs works at once.
/// </summary>
public sealed class TokenFile
{
    /// <summary>The project that stands for every project.</summary>
    public const string EveryProject = "*";

    private readonly string _path;
    private readonly object _gate = new();
    private DateTime _written;
    private long _length;
    private Dictionary<string, IReadOnlyCollection<string>?> _tokens;

    private TokenFile(string path)
    {
        _path = Path.GetFullPath(path);
        (_tokens, _written, _length) = Read(_path);
    }

    /// <summary>Reads a token file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The tokens it holds.</returns>
    /// <exception cref="FormatException">A line is not a hash and projects: names the file and line.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static TokenFile Load(string path) => File.Exists(path)
        ? new TokenFile(path)
        : throw new FileNotFoundException($"the token file '{Path.GetFullPath(path)}' does not exist (provcap token add --project P --tokens {path} makes one)", path);

    /// <summary>Makes a new random token for the projects, appends its hash to the file (created as needed) and returns it.</summary>
    /// <param name="path">The token file.</param>
    /// <param name="projects">The projects the token may see; <c>*</c> for every one.</param>
    /// <returns>The token, to hand to its holder: it is not kept anywhere.</returns>
    public static string Add(string path, IReadOnlyCollection<string> projects)
    {
        if (projects.Count == 0 || projects.Any(p => p.Length == 0 || p.Any(c => char.IsWhiteSpace(c) || c == ',')))
        {
            throw new ArgumentException("a token needs one project or more, each without spaces or commas", nameof(projects));
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var line = $"{Hash(token)} {string.Join(',', projects)}\n";
        var existing = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        File.AppendAllText(path, (existing.Length > 0 && !existing.EndsWith('\n') ? "\n" : string.Empty) + line, new UTF8Encoding(false));
        return token;
    }

    /// <summary>The SHA-256 of a token, lower-case hex: what the file holds.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The hash.</returns>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether the token is known, and the projects it may see (null: every project).</summary>
    /// <param name="token">The token as sent.</param>
    /// <param name="projects">Its projects; null for every project.</param>
    /// <returns>True when the file holds the token's hash.</returns>
    public bool TryGetProjects(string token, out IReadOnlyCollection<string>? projects)
    {
        Refresh();
        return _tokens.TryGetValue(Hash(token), out projects);
    }

    // Read again when the file's time or length changed; a file broken meanwhile keeps the tokens read before.
    private void Refresh()
    {
        var info = new FileInfo(_path);
        if (!info.Exists || (info.LastWriteTimeUtc == _written && info.Length == _length))
        {
            return;
        }

        lock (_gate)
        {
            try
            {
                (_tokens, _written, _length) = Read(_path);
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                (_written, _length) = (info.LastWriteTimeUtc, info.Length);
            }
        }
    }

    private static (Dictionary<string, IReadOnlyCollection<string>?>, DateTime, long) Read(string path)
    {
        var info = new FileInfo(path);
        var tokens = new Dictionary<string, IReadOnlyCollection<string>?>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[0].Length != 64 || !parts[0].All(Uri.IsHexDigit))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: expected '<sha256 of the token, 64 hex digits> <project>[,<project>…]', got '{Shorten(line)}'"));
            }

            var projects = parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries);
            tokens[parts[0].ToLowerInvariant()] = projects.Contains(EveryProject) ? null : projects;
        }

        return (tokens, info.LastWriteTimeUtc, info.Length);
    }

    private static string Shorten(string line) => line.Length <= 40 ? line : line[..40] + "…";
}
