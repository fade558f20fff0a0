using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Provenance.Capture.Records;

/// <summary>
/// A two-field map, the shape of every item of a record's <c>used</c>, <c>generated</c> and
/// <c>derivations</c> lists (<c>{"used_id": …, "used_role": …}</c>): one small object instead of a
/// hash table per item. Read as any <see cref="IReadOnlyDictionary{TKey,TValue}"/>.
/// </summary>
internal sealed class RecordPair(string firstKey, object? first, string secondKey, object? second) : IReadOnlyDictionary<string, object?>
{
    public string FirstKey { get; } = firstKey;

    public object? First { get; } = first;

    public string SecondKey { get; } = secondKey;

    public object? Second { get; } = second;

    public int Count => 2;

    public IEnumerable<string> Keys => [FirstKey, SecondKey];

    public IEnumerable<object?> Values => [First, Second];

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => key == FirstKey || key == SecondKey;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        value = key == FirstKey ? First : key == SecondKey ? Second : null;
        return ContainsKey(key);
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return new(FirstKey, First);
        yield return new(SecondKey, Second);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
