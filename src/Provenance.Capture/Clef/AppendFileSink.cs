using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Provenance.Capture.Clef;

/// <summary>
/// A Serilog sink that appends each formatted event to a file with one <c>write</c> on a descriptor
/// opened with <c>O_APPEND</c> (Linux). The kernel places every such write at the file's end as one
/// piece, so several processes can share the log without a lock, and each record is in the operating
/// system's hands when <see cref="Emit"/> returns. Serilog's shared file sink gives the same guarantee
/// with a named mutex and a seek per event, about three times the cost.
/// </summary>
/// <remarks>
/// A record never extends a partial line: when the log does not end in a newline at open (a process
/// killed mid-record), or after one of this sink's own writes was cut short (a full disk), the next
/// record starts on a fresh line; the readers recover a record glued after a cut one all the same. A log
/// deleted or moved away while capture runs is noticed within a second, reported once, and opened again
/// at its path, the session record written first again.
/// Local file systems only guarantee that appends from several machines do not overlap; on NFS, as with
/// Serilog's mutex (which is local to one machine), jobs on different hosts should write different logs.
/// </remarks>
internal sealed unsafe partial class AppendFileSink : ILogEventSink, IDisposable
{
    private const int WriteOnly = 0x1, Create = 0x40, Append = 0x400, CloseOnExec = 0x80000;
    private const int Interrupted = 4;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly ITextFormatter _formatter;
    private readonly string _path;
    private readonly object _gate = new();
    private readonly StringWriter _text = new(CultureInfo.InvariantCulture);
    private char[] _chars = new char[2048];
    private byte[] _bytes = new byte[4096];
    private int _descriptor;

    // The next record begins with a newline: the log ended in a partial line.
    private bool _freshLine;

    // When the path was last looked at, to notice a deleted log (Environment.TickCount64).
    private long _checkedAt;

    // The session record as written (the first record of a capture), written again at the head of a
    // log opened anew after a deletion, so that the new file names its session too.
    private byte[]? _session;
    private bool _firstWritten;

    private AppendFileSink(string path, int descriptor, ITextFormatter formatter)
    {
        _path = path;
        _descriptor = descriptor;
        _formatter = formatter;
        _freshLine = EndsInPartialLine(path);
        _checkedAt = Environment.TickCount64;
    }

    /// <summary>How often the sink looks whether its log was deleted (1 s).</summary>
    internal const int DeletedCheckMs = 1000;

    private static bool EndsInPartialLine(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            Span<byte> last = stackalloc byte[1];
            return length > 0 && RandomAccess.Read(handle, last, length - 1) == 1 && last[0] != (byte)'\n';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int OpenForAppend(string path)
    {
        var bytes = LinuxCalls.PathBytes(path);
        fixed (byte* p = bytes)
        {
            return Open(p, WriteOnly | Create | Append | CloseOnExec, 420 /* 0644 */);
        }
    }

    /// <summary>Opens the file for appending, or returns null where this sink does not apply (not Linux on x64 or Arm64).</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static AppendFileSink? TryOpen(string path, ITextFormatter formatter)
    {
        if (!LinuxCalls.Supported)
        {
            return null;
        }

        var descriptor = OpenForAppend(path);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open the provenance log '{path}' for appending: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        return new AppendFileSink(path, descriptor, formatter);
    }

    /// <inheritdoc/>
    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_descriptor < 0, this);
            ReopenIfDeleted();
            var text = _text.GetStringBuilder();
            text.Clear();
            if (_freshLine)
            {
                text.Append('\n');
            }

            _formatter.Format(logEvent, _text);
            if (_chars.Length < text.Length)
            {
                _chars = new char[Math.Max(text.Length, _chars.Length * 2)];
            }

            text.CopyTo(0, _chars, 0, text.Length);
            var chars = _chars.AsSpan(0, text.Length);
            var needed = Utf8.GetMaxByteCount(chars.Length);
            if (_bytes.Length < needed)
            {
                _bytes = new byte[Math.Max(needed, _bytes.Length * 2)];
            }

            var length = Utf8.GetBytes(chars, _bytes);
            fixed (byte* start = _bytes)
            {
                for (var written = 0; written < length;)
                {
                    var count = Write(_descriptor, start + written, length - written);
                    if (count < 0)
                    {
                        var error = Marshal.GetLastPInvokeError();
                        if (error == Interrupted)
                        {
                            continue;
                        }

                        // Serilog reports a sink's exception only to its own SelfLog: say it in ours too.
                        // A part already written ends in no newline: the next record starts a fresh line.
                        _freshLine = written > 0 || _freshLine;
                        var message = $"cannot append to the provenance log '{_path}': {Marshal.GetPInvokeErrorMessage(error)}; a record was lost";
                        SelfLog.Write(message);
                        throw new IOException(message);
                    }

                    written += (int)count;
                }
            }

            _freshLine = false;
            if (!_firstWritten)
            {
                _firstWritten = true;
                if (logEvent.Properties.TryGetValue(Records.RecordFields.Kind, out var kind) && kind is ScalarValue { Value: Records.RecordKinds.Session })
                {
                    _session = _bytes.AsSpan(0, length).TrimStart((byte)'\n').ToArray();
                }
            }
        }
    }

    // A log deleted (or moved away) under a running capture would swallow every later record unseen.
    private void ReopenIfDeleted()
    {
        var now = Environment.TickCount64;
        if (now - _checkedAt < DeletedCheckMs)
        {
            return;
        }

        _checkedAt = now;
        if (File.Exists(_path))
        {
            return;
        }

        var descriptor = OpenForAppend(_path);
        if (descriptor < 0)
        {
            SelfLog.Write($"the provenance log '{_path}' was deleted while capture ran and cannot be created again: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            return;
        }

        LinuxCalls.Close(_descriptor);
        _descriptor = descriptor;
        _freshLine = false;
        var session = _session is not null && WriteWhole(_session) ? " (its session record first)" : string.Empty;
        SelfLog.Write($"the provenance log '{_path}' was deleted while capture ran: opened it again{session}; records of the last second before that may be lost with the deleted file");
    }

    // One record written whole, or false (then the next record starts a fresh line).
    private bool WriteWhole(byte[] record)
    {
        fixed (byte* start = record)
        {
            for (var written = 0; written < record.Length;)
            {
                var count = Write(_descriptor, start + written, record.Length - written);
                if (count < 0 && Marshal.GetLastPInvokeError() == Interrupted)
                {
                    continue;
                }

                if (count < 0)
                {
                    _freshLine = written > 0;
                    return false;
                }

                written += (int)count;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_descriptor >= 0)
            {
                LinuxCalls.Close(_descriptor);
                _descriptor = -1;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int Open(byte* path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int descriptor, byte* buffer, nint count);
}
