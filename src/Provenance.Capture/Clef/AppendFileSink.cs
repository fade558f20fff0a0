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

    private AppendFileSink(string path, int descriptor, ITextFormatter formatter)
    {
        _path = path;
        _descriptor = descriptor;
        _formatter = formatter;
    }

    /// <summary>Opens the file for appending, or returns null where this sink does not apply (not Linux on x64 or Arm64).</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static AppendFileSink? TryOpen(string path, ITextFormatter formatter)
    {
        if (!LinuxCalls.Supported)
        {
            return null;
        }

        var bytes = LinuxCalls.PathBytes(path);
        int descriptor;
        fixed (byte* p = bytes)
        {
            descriptor = Open(p, WriteOnly | Create | Append | CloseOnExec, 420 /* 0644 */);
        }

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
            var text = _text.GetStringBuilder();
            text.Clear();
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
                        var message = $"cannot append to the provenance log '{_path}': {Marshal.GetPInvokeErrorMessage(error)}; a record was lost";
                        SelfLog.Write(message);
                        throw new IOException(message);
                    }

                    written += (int)count;
                }
            }
        }
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
