using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Provenance.Capture.Packaging.Tests.Architecture;

/// <summary>
/// Which folder of a project uses which, read from the sources with Roslyn's semantic model: an edge
/// A → B when code in folder A names a type or member declared in folder B. A file at the project's root is
/// a node of its own (the entry points live there), so a cycle through the root is seen too.
/// </summary>
internal sealed class FolderGraph
{
    private static readonly string[] ImplicitUsings =
        ["System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Threading", "System.Threading.Tasks", "System.Net.Http"];

    private readonly SortedDictionary<string, SortedSet<string>> _edges = new(StringComparer.Ordinal);

    private FolderGraph()
    {
    }

    public IReadOnlyDictionary<string, SortedSet<string>> Edges => _edges;

    public SortedSet<string> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads every .cs file under <paramref name="projectDirectory"/> (bin and obj left out).</summary>
    /// <param name="projectDirectory">The project's folder.</param>
    /// <param name="assemblyName">The assembly's name (friend assemblies' internals resolve under it).</param>
    public static FolderGraph Of(string projectDirectory, string assemblyName)
    {
        var files = Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(projectDirectory, f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var globalUsings = CSharpSyntaxTree.ParseText(string.Concat(ImplicitUsings.Select(u => $"global using {u};\n")), options, path: "GlobalUsings.g.cs");
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, path: f)).Append(globalUsings).ToList();
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

        var graph = new FolderGraph();
        foreach (var tree in trees.Where(t => t != globalUsings))
        {
            var from = NodeOf(projectDirectory, tree.FilePath);
            graph.Nodes.Add(from);
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var info = model.GetSymbolInfo(node);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                foreach (var location in DeclarationsOf(symbol))
                {
                    if (location.SourceTree?.FilePath is { } declared && declared != globalUsings.FilePath)
                    {
                        graph.Add(from, NodeOf(projectDirectory, declared));
                    }
                }
            }
        }

        return graph;
    }

    /// <summary>A cycle of folders (first node repeated at the end), or null when the dependencies run one way.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in _edges.GetValueOrDefault(node) ?? [])
            {
                var seen = state.GetValueOrDefault(next);
                if (seen == 1)
                {
                    return [.. path.Skip(path.IndexOf(next)), next];
                }

                if (seen == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in _edges.Keys)
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    public override string ToString()
        => string.Join('\n', _edges.Select(e => $"{e.Key} -> {string.Join(", ", e.Value)}"));

    private void Add(string from, string to)
    {
        if (from == to)
        {
            return;
        }

        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = new SortedSet<string>(StringComparer.Ordinal);
        }

        targets.Add(to);
    }

    private static IEnumerable<Location> DeclarationsOf(ISymbol? symbol)
    {
        if (symbol is null)
        {
            return [];
        }

        // A member is where its type is declared (a partial type may spread over files of one folder).
        var declared = symbol switch
        {
            INamespaceSymbol => null,
            ITypeParameterSymbol or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol => null,
            IMethodSymbol { ReducedFrom: { } extension } => extension,
            _ => symbol,
        };
        return declared?.Locations.Where(l => l.IsInSource) ?? [];
    }

    private static string NodeOf(string projectDirectory, string file)
    {
        var relative = Path.GetRelativePath(projectDirectory, file).Replace('\\', '/');
        var slash = relative.IndexOf('/');
        return slash < 0 ? relative : relative[..slash] + "/";
    }

    private static bool IsBuildOutput(string relative)
        => relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // The framework and every assembly beside the tests (the libraries' own dependencies among them).
    private static IEnumerable<MetadataReference> References()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var beside = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        return framework.Concat(beside)
            .Where(p => !Path.GetFileName(p).StartsWith("Provenance.Capture", StringComparison.Ordinal) || Path.GetFileName(p) == "Provenance.Capture.Vocabulary.dll")
            .DistinctBy(Path.GetFileName)
            .Select(p => MetadataReference.CreateFromFile(p));
    }
}
