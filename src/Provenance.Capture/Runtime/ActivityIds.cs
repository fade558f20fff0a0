namespace Provenance.Capture.Runtime;

/// <summary>
/// Activity ids: the session id, a dash and a counter in lower-case hex (at least 6 digits). Unique across
/// processes because the session id is (a GUIDv7), and far cheaper than a GUID per call.
/// </summary>
internal sealed class ActivityIds(string sessionId)
{
    private long _counter;

    public string Next()
    {
        var number = Interlocked.Increment(ref _counter);
        var digits = Math.Max(6, (64 - (int)ulong.LeadingZeroCount((ulong)number) + 3) / 4);
        return string.Create(sessionId.Length + 1 + digits, (sessionId, number), static (span, state) =>
        {
            state.sessionId.CopyTo(span);
            span[state.sessionId.Length] = '-';

            // Lower-case hex, zero-padded to the width above (what "x6" gives, without its general formatting path).
            var value = (ulong)state.number;
            for (var i = span.Length - 1; i > state.sessionId.Length; i--, value >>= 4)
            {
                span[i] = "0123456789abcdef"[(int)(value & 0xF)];
            }
        });
    }
}
