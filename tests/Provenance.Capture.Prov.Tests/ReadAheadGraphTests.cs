using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>Writing with the graph made a few batches ahead on another thread changes nothing of the output.</summary>
public sealed class ReadAheadGraphTests(NightFixture night) : IClassFixture<NightFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-readahead-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(".json")]
    [InlineData(".provn")]
    [InlineData(".dot")]
    public void Every_format_is_written_byte_for_byte_as_without_reading_ahead(string extension)
    {
        var ahead = Path.Combine(_directory, "ahead" + extension);
        var direct = Path.Combine(_directory, "direct" + extension);
        var output = Path.Combine(_directory, "output" + extension);
        IProvGraph Fresh() => ProvenanceMerger.Merge([night.Real.LogPath], new MergeOptions()).Graph;
        Action<IProvGraph, string> write = extension switch
        {
            ".json" => (graph, path) => ProvJsonWriter.Write(graph, path),
            ".provn" => ProvNWriter.Write,
            _ => DotWriter.Write,
        };

        // Batches of 7: many hand-overs, the last one short.
        write(new ReadAheadGraph(Fresh(), batch: 7), ahead);
        write(Fresh(), direct);
        var counts = ProvOutput.Write(Fresh(), output);

        File.ReadAllBytes(ahead).ShouldBe(File.ReadAllBytes(direct));
        File.ReadAllBytes(output).ShouldBe(File.ReadAllBytes(direct));
        counts.Relations.ShouldBeGreaterThan(7 * 10);
    }

    [Fact]
    public void A_reader_that_stops_early_stops_the_maker_and_a_fault_of_the_graph_reaches_the_reader()
    {
        var endless = new ReadAheadGraph(new Endless());
        endless.Elements(ProvElementKind.Entity).Take(10_000).Count().ShouldBe(10_000);
        endless.Elements(ProvElementKind.Entity).Take(3).Select(e => e.Id).ShouldBe(["ent:0", "ent:1", "ent:2"]);

        var faulty = new ReadAheadGraph(new Endless(failAt: 2_000));
        Should.Throw<InvalidOperationException>(() => faulty.Elements(ProvElementKind.Entity).Count()).Message.ShouldBe("broken at 2000");
    }

    private sealed class Endless(int failAt = -1) : IProvGraph
    {
        public IReadOnlyDictionary<string, string> Prefixes => ProvDocument.StandardPrefixes;

        public IEnumerable<ProvElement> Elements(ProvElementKind kind)
        {
            for (var i = 0; ; i++)
            {
                if (i == failAt)
                {
                    throw new InvalidOperationException($"broken at {i}");
                }

                yield return new ProvElement(kind, $"ent:{i}");
            }
        }

        public IEnumerable<ProvRelation> Relations(ProvRelationKind kind) => [];
    }
}
