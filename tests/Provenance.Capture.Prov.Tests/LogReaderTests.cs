using System.Text;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// What the log reader does before any record is decoded: the paths and patterns a user types become the
/// files to read (sorted, each once, a clear error for a name that matches nothing), and each file's lines
/// come numbered from 1, without a leading byte-order mark or the carriage returns of Windows line ends.
/// </summary>
public sealed class LogReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-logreader-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string relative, string text = "{}\n")
    {
        var path = Path.Combine(_directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_pattern_gives_the_files_it_matches_in_ordinal_order_and_only_in_its_own_folder()
    {
        var upper = Write("A.log");
        var lower = Write("a.log");
        var b = Write("b.log");
        Write("c.txt");
        Write("sub/d.log");

        LogReader.Expand([Path.Combine(_directory, "*.log")]).ShouldBe([upper, lower, b]);
        LogReader.Expand([Path.Combine(_directory, "?.log")]).ShouldBe([upper, lower, b]);
        LogReader.Expand([Path.Combine(_directory, "b*")]).ShouldBe([b]);
    }

    [Fact]
    public void Two_stars_for_a_folder_take_the_files_of_every_folder_below_it()
    {
        var top = Write("night/a.log");
        var deep = Write("night/run1/sub/b.log");
        var run = Write("night/run2/c.log");
        Write("night/run2/c.txt");

        LogReader.Expand([Path.Combine(_directory, "night", "**", "*.log")]).ShouldBe([top, deep, run]);
        LogReader.Expand([Path.Combine(_directory, "night", "*.log")]).ShouldBe([top], "one star does not go below its folder");
    }

    [Fact]
    public void A_plain_path_is_taken_as_a_full_path_and_a_file_named_twice_is_read_once()
    {
        var a = Write("a.log");
        var b = Write("b.log");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, b);

        LogReader.Expand([relative]).ShouldBe([b]);
        LogReader.Expand([b, Path.Combine(_directory, "*.log"), relative]).ShouldBe([b, a], "the first time a file is named decides its place");
    }

    [Fact]
    public void A_missing_file_and_a_pattern_that_matches_nothing_are_errors_that_name_what_was_typed()
    {
        Write("a.log");
        var missing = Path.Combine(_directory, "missing.log");
        var nothing = Path.Combine(_directory, "*.gz");
        var noFolder = Path.Combine(_directory, "absent", "*.log");

        var error = Should.Throw<FileNotFoundException>(() => LogReader.Expand([missing]));
        error.Message.ShouldBe($"log file '{missing}' does not exist");
        error.FileName.ShouldBe(missing);

        error = Should.Throw<FileNotFoundException>(() => LogReader.Expand([Path.Combine(_directory, "a.log"), nothing]));
        error.Message.ShouldBe($"no log file matches '{nothing}'");
        error.FileName.ShouldBe(nothing);

        Should.Throw<FileNotFoundException>(() => LogReader.Expand([noFolder])).Message.ShouldBe($"no log file matches '{noFolder}'");
        Should.Throw<FileNotFoundException>(() => LogReader.Expand([Path.Combine(_directory, "absent", "**", "*.log")]));
    }

    [Fact]
    public void Lines_come_numbered_from_one_without_the_first_byte_order_mark_and_the_carriage_returns_at_their_end()
    {
        var path = Path.Combine(_directory, "windows.log");
        byte[] mark = [0xEF, 0xBB, 0xBF];
        File.WriteAllBytes(path, [.. mark, .. "first\r\n"u8, .. mark, .. "second\r\r\n"u8, .. "mid\rline\r\n"u8, .. "\r\n"u8, .. "last\r"u8]);
        var reader = new LogReader();

        // Marks and carriage returns spelled out: a culture's comparison would pass over a byte-order mark.
        var lines = reader.Lines(path).Select(l => (Text: Spelled(l.Line.Span), l.Number, l.TooLong)).ToList();

        lines.ShouldBe([("first", 1L, false), ("<BOM>second", 2L, false), ("mid<CR>line", 3L, false), ("", 4L, false), ("last", 5L, false)]);
        reader.LinesRead.ShouldBe(5);
    }

    [Fact]
    public void Line_numbers_start_again_in_each_file_and_the_lines_read_are_counted_over_all()
    {
        var one = Write("one.log", "a\nb\nc\n");
        var two = Write("two.log", "\uFEFFd\ne");
        var reader = new LogReader();

        reader.Lines(one).Select(l => l.Number).ShouldBe([1L, 2L, 3L]);
        reader.Lines(two).Select(l => (Spelled(l.Line.Span), l.Number)).ShouldBe([("d", 1L), ("e", 2L)]);
        reader.LinesRead.ShouldBe(5);
    }

    private static string Spelled(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line).Replace("\uFEFF", "<BOM>", StringComparison.Ordinal).Replace("\r", "<CR>", StringComparison.Ordinal);

    [Theory]
    [InlineData(new byte[] { 0x1f }, "<1F>")]
    [InlineData(new byte[] { 0x1f, 0x41, 0x0a, 0x42 }, "<1F>A|B")]
    [InlineData(new byte[] { 0x8b, 0x1f }, "<8B><1F>")]
    public void A_file_that_only_begins_like_gzip_is_read_as_it_is(byte[] content, string expected)
    {
        var path = Path.Combine(_directory, "short.log.gz");
        File.WriteAllBytes(path, content);

        string.Join("|", new LogReader().Lines(path).Select(l => string.Concat(l.Line.ToArray().Select(b => b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"<{b:X2}>")))).ShouldBe(expected);
    }

    [Theory]
    [InlineData("night.log.gz", true)]
    [InlineData("night.log.GZ", true)]
    [InlineData("night.log", false)]
    public async Task A_pipe_that_cannot_be_searched_back_is_decompressed_by_its_name(string name, bool compressed)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "named pipes are made with mkfifo");
        var path = Path.Combine(_directory, name);
        MakeFifo(path, Convert.ToUInt32("600", 8)).ShouldBe(0, "mkfifo");
        var text = "first\nsecond\n"u8.ToArray();
        var writer = Task.Run(() =>
        {
            using var pipe = new FileStream(path, FileMode.Open, FileAccess.Write);
            using var output = compressed ? new System.IO.Compression.GZipStream(pipe, System.IO.Compression.CompressionLevel.Fastest) : (Stream)pipe;
            output.Write(text);
        }, TestContext.Current.CancellationToken);

        var lines = new LogReader().Lines(path).Select(l => Encoding.UTF8.GetString(l.Line.Span)).ToList();

        await writer;
        lines.ShouldBe(["first", "second"]);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo(string path, uint mode);

    [Fact]
    public void A_problem_is_told_as_found_counted_and_kept_with_the_first_thousand()
    {
        var told = new List<ReadProblem>();
        var reader = new LogReader { OnProblem = told.Add };

        for (var line = 1; line <= LogReader.MaxProblemsKept + 2; line++)
        {
            reader.Report(new ReadProblem("night.log", line, "bad"));
        }

        reader.ProblemCount.ShouldBe(LogReader.MaxProblemsKept + 2);
        reader.Problems.Count.ShouldBe(LogReader.MaxProblemsKept);
        reader.Problems[^1].Line.ShouldBe(LogReader.MaxProblemsKept);
        told.Count.ShouldBe(LogReader.MaxProblemsKept + 2);
        LogReader.TooLongLine("night.log", 7).ToString().ShouldBe("night.log:7: line of 64 MiB or more: skipped without reading it whole");
    }
}
