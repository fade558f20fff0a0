using CsCheck;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>Properties of the merge over the sample night's own records, in orders and splits CsCheck draws (and shrinks when one fails).</summary>
public sealed class MergePropertyTests(NightFixture night) : IClassFixture<NightFixture>, IDisposable
{
    // Twenty orders and splits a test; five under mutation testing, where each merge costs several times more
    // (MutationTesting) and these tests run for most of the merge's mutants.
    private static readonly int Iterations = MutationTesting.Active ? 5 : 20;
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-properties-").FullName;
    private int _written;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string[] Lines => File.ReadAllLines(night.Real.LogPath);

    private string Write(IEnumerable<string> lines)
    {
        var path = Path.Combine(_directory, $"part{Interlocked.Increment(ref _written)}.log");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string Merged(IEnumerable<string> logs, Granularity granularity)
        => ProvJsonWriter.ToJson(ProvenanceMerger.Merge(logs, new MergeOptions { Granularity = granularity, IncludeMembers = true }).Graph);

    // A permutation as sort keys: shrinks towards the log's own order.
    private static Gen<int[]> Keys(int count) => Gen.Int[0, count].Array[count];

    [Theory]
    [InlineData(Granularity.Subrun)]
    [InlineData(Granularity.Run)]
    [InlineData(Granularity.Night)]
    public void The_order_of_the_lines_does_not_change_the_document(Granularity granularity)
    {
        var lines = Lines;
        var expected = Merged([night.Real.LogPath], granularity);
        Keys(lines.Length).Sample(
            keys =>
            {
                var shuffled = lines.Select((line, i) => (line, key: keys[i], i)).OrderBy(x => x.key).ThenBy(x => x.i).Select(x => x.line);
                Merged([Write(shuffled)], granularity).ShouldBe(expected);
            },
            iter: Iterations,
            threads: 1);
    }

    [Fact]
    public void The_split_of_a_night_into_files_and_their_order_do_not_change_the_document()
    {
        var lines = Lines;
        var expected = Merged([night.Real.LogPath], Granularity.Run);
        Gen.Select(Gen.Int[1, 6], Gen.Int[0, 5].Array[lines.Length]).Sample(
            (files, parts) =>
            {
                var logs = Enumerable.Range(0, files)
                    .Select(f => Write(lines.Where((_, i) => parts[i] % files == f)))
                    .Reverse()
                    .ToList();
                Merged(logs, Granularity.Run).ShouldBe(expected);
            },
            iter: Iterations,
            threads: 1);
    }

    [Theory]
    [InlineData(Granularity.Subrun)]
    [InlineData(Granularity.Run)]
    public void Merging_a_log_twice_equals_merging_it_once(Granularity granularity)
        => Merged([night.Real.LogPath, Write(Lines)], granularity).ShouldBe(Merged([night.Real.LogPath], granularity));
}
