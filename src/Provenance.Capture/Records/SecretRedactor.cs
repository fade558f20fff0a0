using System.Text.RegularExpressions;

namespace Provenance.Capture.Records;

/// <summary>
/// Keeps secrets out of everything capture writes (records, and so the merged PROV; SelfLog): by name
/// (variables, arguments and parameters whose names suggest a secret; model parameters marked
/// <c>secret: true</c>) and by the shape of the value wherever a text is written (the user info of URLs,
/// the password, token and key entries of connection strings).
/// </summary>
internal static partial class SecretRedactor
{
    /// <summary>What replaces a redacted value.</summary>
    public const string Redacted = "***";

    private static readonly string[] SecretWords = ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "PWD", "KEY", "CREDENTIAL", "AUTH"];

    /// <summary>Whether a variable, argument or parameter name suggests a secret.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True for names containing TOKEN, SECRET, PASSWORD, PASSWD, PWD, KEY, CREDENTIAL or AUTH (any case).</returns>
    public static bool IsSecretName(string name)
    {
        foreach (var word in SecretWords)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Redacts a named value as its name and content require.</summary>
    /// <param name="name">Variable, argument or parameter name.</param>
    /// <param name="value">Value.</param>
    /// <returns>The value safe to record.</returns>
    public static string Redact(string name, string value) => IsSecretName(name) ? Redacted : RedactValue(value);

    /// <summary>
    /// Masks what the shape of a text shows to be a secret: <c>scheme://user:password@host</c> keeps
    /// <c>scheme://***@host</c> (a password holding an unencoded <c>@</c> included), and
    /// <c>Password=…</c>, <c>Pwd=…</c>, <c>Token=…</c>, <c>ApiKey=…</c> and the like in a connection string or
    /// query keep their key and lose their value.
    /// </summary>
    /// <param name="value">Any text about to be written.</param>
    /// <returns>The text safe to record (the same instance when nothing was found).</returns>
    public static string RedactValue(string value)
    {
        // Most texts (paths, names, numbers) hold neither shape: no regular expression for them.
        if (value.Length < 4 || (value.IndexOf('=') < 0 && value.IndexOf('@') < 0))
        {
            return value;
        }

        var masked = UserInfo().Replace(value, "${scheme}" + Redacted + "@");
        return ConnectionSecret().Replace(masked, "${key}" + Redacted);
    }

    // Up to the last '@' before the host's first '/': "user:p@ss@proxy" is all user info.
    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)[^/\s]*@")]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?<key>(?<![A-Za-z0-9_])(?:password|passwd|pwd|(?:[A-Za-z0-9]+[-_])?(?:token|secret)|api[-_]?key|access[-_]?key|account[-_]?key|shared[-_]?access[-_]?key)\s*=\s*)(?:""[^""]*""|'[^']*'|[^;&\r\n]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionSecret();
}
