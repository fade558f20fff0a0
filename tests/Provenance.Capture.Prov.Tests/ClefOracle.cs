using System.Text.Json;
using Provenance.Capture.Prov.Readers;
using Provenance.Capture.Records;

namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// An independent reading of capture's CLEF logs, through <see cref="JsonDocument"/>: the oracle that the
/// byte-level decoder behind the reader seam is checked against (records given through
/// <see cref="Merge.ProvenanceMerger.Add(LogRecord)"/> must merge exactly like lines read from disk).
/// </summary>
internal static class ClefOracle
{
    public static IEnumerable<LogRecord> Records(params string[] logs)
    {
        foreach (var log in logs)
        {
            var number = 0;
            foreach (var line in File.ReadLines(log))
            {
                number++;
                using var json = JsonDocument.Parse(line);
                if (Value(json.RootElement) is Dictionary<string, object?> fields && fields.GetValueOrDefault(RecordFields.Kind) is string kind)
                {
                    yield return new LogRecord(kind, fields, log, number);
                }
            }
        }
    }

    private static object? Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Value).ToList(),
        JsonValueKind.String => element.GetString(),
        // An integer is an integer however long (JSON sets no bound); any other number a double.
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? integer
            : System.Numerics.BigInteger.TryParse(element.GetRawText(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var big) ? big
            : (object)element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
