using System.Text;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// The byte-level line splitter every log reader stands on: lines as written, the last one without its
/// newline, a line at or over the limit passed over and said to be too long, whatever sizes the reads come in.
/// </summary>
public sealed class Utf8LineReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-lines-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Each line as text, or "TOO LONG", reading the file in reads of at most chunk bytes.
    private List<string> Lines(byte[] content, int maxLineBytes, int chunk)
    {
        var path = Path.Combine(_directory, $"log-{Guid.NewGuid():N}.log");
        File.WriteAllBytes(path, content);
        using var file = new ChunkedReads(File.OpenRead(path), chunk);
        return [.. new Utf8LineReader(file, maxLineBytes).Select(l => l.TooLong ? "TOO LONG" : Encoding.UTF8.GetString(l.Line.Span))];
    }

    public static TheoryData<int> Chunks => [1, 3, 7, 1 << 20];

    [Theory]
    [MemberData(nameof(Chunks))]
    public void Lines_come_back_as_written_and_the_last_one_without_its_newline(int chunk)
    {
        var text = "first\n\nthird line, é ☃\r\n  indented\nlast, cut mid-write";

        Lines(Encoding.UTF8.GetBytes(text), 1 << 20, chunk).ShouldBe(["first", "", "third line, é ☃\r", "  indented", "last, cut mid-write"]);
        Lines(Encoding.UTF8.GetBytes("one\ntwo\n"), 1 << 20, chunk).ShouldBe(["one", "two"], "a final newline ends the last line, it starts none");
        Lines([], 1 << 20, chunk).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public void A_line_of_the_limit_or_more_is_passed_over_and_said_to_be_too_long(int chunk)
    {
        var text = "short\n" + new string('a', 9) + "\n" + new string('b', 10) + "\n" + new string('c', 25) + "\nafter\n" + new string('d', 30);

        Lines(Encoding.ASCII.GetBytes(text), 10, chunk).ShouldBe(["short", new string('a', 9), "TOO LONG", "TOO LONG", "after", "TOO LONG"]);
        Lines(Encoding.ASCII.GetBytes("short\n" + new string('e', 10)), 10, chunk).ShouldBe(["short", "TOO LONG"], "a last line of the limit, without its newline");
    }

    [Fact]
    public void A_line_longer_than_the_first_buffer_but_within_the_limit_is_held_whole()
    {
        var longLine = new string('x', (1 << 20) + 12345);
        var text = "before\n" + longLine + "\nafter";

        Lines(Encoding.ASCII.GetBytes(text), 4 << 20, 1 << 20).ShouldBe(["before", longLine, "after"]);
        Lines(Encoding.ASCII.GetBytes(longLine), 4 << 20, 1 << 16).ShouldBe([longLine], "a last line without its newline, read in small parts");
    }

    [Fact]
    public void A_too_long_line_that_spans_many_buffers_is_skipped_to_its_end_and_the_next_line_read_whole()
    {
        var text = new string('z', (3 << 20) + 7) + "\nnext line\nand the last";

        Lines(Encoding.ASCII.GetBytes(text), 1000, 1 << 20).ShouldBe(["TOO LONG", "next line", "and the last"]);
    }

    // A file read in parts of at most a given size, as a pipe or a network file system gives them.
    private sealed class ChunkedReads(Stream inner, int chunk) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, chunk));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
