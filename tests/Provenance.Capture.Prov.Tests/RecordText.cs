using System.Reflection;
using Provenance.Capture.Prov.Readers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>A decoded record's every field as one text, to compare two ways of decoding a line.</summary>
internal static class RecordText
{
    /// <summary>Every public field (symbols and literals as their numbers: compare records decoded into tables filled in one order).</summary>
    public static string Of(DecodedRecord record)
        => string.Join("; ", typeof(DecodedRecord).GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => $"{f.Name}={Show(f.GetValue(record))}"));

    /// <summary>A field's value: maps, lists and tuples item by item, numbers and times invariant.</summary>
    public static string Show(object? value) => value switch
    {
        null => "null",
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(", ", map.Select(p => $"{p.Key}: {Show(p.Value)}")) + "}",
        System.Collections.IEnumerable list and not string => "[" + string.Join(", ", list.Cast<object?>().Select(Show)) + "]",
        System.Runtime.CompilerServices.ITuple tuple => "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Show(tuple[i]))) + ")",
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
