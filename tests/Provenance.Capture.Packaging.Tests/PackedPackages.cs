using System.IO.Compression;
using System.Xml.Linq;

namespace Provenance.Capture.Packaging.Tests;

/// <summary>Packs every packable project of the solution into the local feed, once for all package tests.</summary>
public sealed class PackedPackages
{
    /// <summary>The version every package of the solution is packed with (Directory.Build.props).</summary>
    public const string Version = "0.1.0";

    public PackedPackages()
    {
        Root = RepositoryRoot();
        Feed = Path.Combine(Root, "artifacts", "packages");
        Dotnet.Run(Root, "pack", "Provenance.Capture.sln", "-c", "Release", "-o", Feed);
    }

    public string Root { get; }

    public string Feed { get; }

    public string Package(string id)
    {
        var path = Path.Combine(Feed, $"{id}.{Version}.nupkg");
        File.Exists(path).ShouldBeTrue($"{id} was packed");
        return path;
    }

    /// <summary>Every package id a package depends on, following our own packages of the feed.</summary>
    public IReadOnlySet<string> DependencyClosure(string id)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>([id]);
        while (pending.TryPop(out var next))
        {
            foreach (var dependency in Dependencies(next))
            {
                if (seen.Add(dependency) && File.Exists(Path.Combine(Feed, $"{dependency}.{Version}.nupkg")))
                {
                    pending.Push(dependency);
                }
            }
        }

        return seen;
    }

    private IEnumerable<string> Dependencies(string id)
    {
        using var package = ZipFile.OpenRead(Package(id));
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return XDocument.Load(stream).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Provenance.Capture.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
