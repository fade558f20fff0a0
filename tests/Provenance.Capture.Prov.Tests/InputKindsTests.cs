using System.IO.Compression;
using System.Text;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>What a file is taken for, from its first bytes (plain or gzip), before any reader sees it.</summary>
public sealed class InputKindsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-kinds-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteGzip(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(text));
        return path;
    }

    [Theory]
    [InlineData("", InputKind.Empty)]
    [InlineData("\uFEFF \r\n\t", InputKind.Empty)]
    [InlineData("{\"@t\":\"2020-11-20T22:00:00Z\",\"prov_kind\":\"session\",\"prov_schema\":1}\n", InputKind.ProvenanceLog)]
    [InlineData("2020-11-21 01:03:09 INFO __PROV__2020-11-21T01:03:09__PROV__{'session_id': 1}\n", InputKind.ProvenanceLog)]
    [InlineData("[{\"activity_name\": \"ctapipe-process\", \"activity_uuid\": \"u1\"}]\n", InputKind.CtapipeProvenance)]
    [InlineData("[1, 2, 3]\n", InputKind.Other)]
    [InlineData("{\n  \"prefix\": {\"ex\": \"urn:ex:\"},\n  \"entity\": {}\n}\n", InputKind.ProvJson)]
    [InlineData("{\"entity\": {\"ex:e\": {}}}", InputKind.ProvJson)]
    [InlineData("{\"name\": \"activity_name\", \"other\": 1}", InputKind.Other)]
    [InlineData("plain text that mentions \"prefix\" and \"activity_name\"\n", InputKind.Other)]
    [InlineData("{\"@t\":\"2020-11-20T22:00:00Z\",\"@mt\":\"a log line of another program\"}\n{\"prov_kind\":\"session\"}\n", InputKind.Other)]
    public void A_file_is_taken_for_what_its_first_bytes_say_plain_or_compressed(string text, InputKind kind)
    {
        var plain = Path.Combine(_directory, "input.txt");
        File.WriteAllText(plain, text, new UTF8Encoding(false));
        InputKinds.Of(plain).ShouldBe(kind);

        var compressed = WriteGzip("input.txt.GZ", text);

        InputKinds.Of(compressed).ShouldBe(kind);
    }

    [Fact]
    public void Gzip_is_told_by_its_first_bytes_not_by_the_file_s_name()
    {
        // A plain log named .gz was taken for an empty file (ingest) or failed with the decompressor's own words
        // and no file name (merge); a gzip log of another name was taken for something else.
        const string Lines = "{\"@t\":\"2020-11-20T22:00:00Z\",\"prov_kind\":\"session\",\"prov_schema\":1,\"session_id\":\"s\"}\n"
            + "{\"@t\":\"2020-11-20T22:00:01Z\",\"prov_kind\":\"activity_start\",\"prov_schema\":1,\"activity_id\":\"a1\",\"name\":\"r0_to_dl1\",\"in_session\":\"s\"}\n";
        var plainNamedGz = Path.Combine(_directory, "plain.log.gz");
        File.WriteAllText(plainNamedGz, Lines);
        var gzipNamedLog = WriteGzip("compressed.log", Lines);

        foreach (var path in new[] { plainNamedGz, gzipNamedLog })
        {
            InputKinds.Of(path).ShouldBe(InputKind.ProvenanceLog, path);
            var merged = Merge.ProvenanceMerger.Merge([path], new Merge.MergeOptions());
            merged.Problems.ShouldBeEmpty(path);
            merged.Document.Activities.Keys.ShouldBe(["act:a1"], path);
        }
    }
}
