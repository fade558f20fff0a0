using Provenance.Capture.Binding;
using Provenance.Capture.Records;

namespace Provenance.Capture.Runtime;

/// <summary>
/// What a method's last call handed to its records, offered again to the next call where it is the same:
/// the one place where capture reuses objects from call to call, so that logger providers do not convert
/// them again. Every rule of that reuse is here:
/// <list type="bullet">
/// <item>A value handed to a record is either a new object, or the very object the same method's last call
/// handed over at the same place, and then it is identical: equal and written the same (0.0 and -0.0, 1.0m and
/// 1.00m are equal but not identical).</item>
/// <item>A parameter map, used, generated or derivations list is never changed once handed to a record; a new
/// call with different entities or values gets new ones. So a logger provider may keep, by reference, what it
/// made of such an object (the Serilog provider's sequences of lists and table of repeated scalars) and use
/// it again whenever the same object comes back. Records and their lists stay plain data: what a provider
/// makes of them it keeps itself.</item>
/// <item>Derivations are reused only with the very same used set (they depend on both).</item>
/// <item>Concurrent calls of one method may replace the remembered sets in any order: each set is immutable
/// once published, so a race only loses a reuse, never mixes two calls' values.</item>
/// </list>
/// </summary>
internal sealed class LastCallReuse(int contextCount)
{
    private readonly object?[] _context = new object?[contextCount];
    private ParameterSet? _parameters;
    private UsedSet? _used;
    private GeneratedSet? _generated;

    /// <summary>The context value at <paramref name="index"/>: the last call's object when identical.</summary>
    public object? Context(int index, object? value)
    {
        var known = Volatile.Read(ref _context[index]);
        if (Identical(known, value))
        {
            return known;
        }

        Volatile.Write(ref _context[index], value);
        return value;
    }

    /// <summary>
    /// The parameters of a call: the last call's set when every value is identical; otherwise a new map
    /// holding the last call's value objects wherever they are identical, with the last call's type map
    /// when the types are the same.
    /// </summary>
    public ParameterSet Parameters(BoundParameter[] parameters, object?[] arguments)
    {
        var last = Volatile.Read(ref _parameters);
        object?[]? values = null;
        string?[]? typeNames = null;
        for (var i = 0; i < parameters.Length; i++)
        {
            var raw = parameters[i].Description.Secret ? SecretRedactor.Redacted : parameters[i].Getter(arguments, null);
            var value = RecordValues.Scalar(raw);
            var equal = last is not null && Identical(last.Values[i], value);
            if (values is null)
            {
                if (equal)
                {
                    continue;
                }

                values = new object?[parameters.Length];
                typeNames = new string?[parameters.Length];
                if (last is not null)
                {
                    Array.Copy(last.Values, values, i);
                    for (var j = 0; j < i; j++)
                    {
                        typeNames[j] = last.Types?.GetValueOrDefault(parameters[j].Description.Name) as string;
                    }
                }
            }

            values[i] = equal ? last!.Values[i] : value;
            typeNames![i] = RecordValues.XsdType(raw);
        }

        if (values is null)
        {
            return last!;
        }

        var map = new Dictionary<string, object?>(parameters.Length, StringComparer.Ordinal);
        Dictionary<string, object?>? types = null;
        var sameTypes = true;
        for (var i = 0; i < parameters.Length; i++)
        {
            var name = parameters[i].Description.Name;
            map[name] = values[i];
            var type = typeNames![i];
            sameTypes &= ReferenceEquals(type, last?.Types?.GetValueOrDefault(name));
            if (type is not null)
            {
                (types ??= new Dictionary<string, object?>(StringComparer.Ordinal))[name] = type;
            }
        }

        var set = new ParameterSet(values, map, sameTypes && last is not null && types?.Count == last.Types?.Count ? last.Types : types);
        Volatile.Write(ref _parameters, set);
        return set;
    }

    /// <summary>The used set of a call that found <paramref name="found"/> (role, id), in order.</summary>
    /// <param name="found">The entities found, by role.</param>
    /// <param name="reused">Whether it is the last call's set, whose items are already filled.</param>
    public UsedSet Used(List<KeyValuePair<string, string>> found, out bool reused)
    {
        var last = Volatile.Read(ref _used);
        reused = last is not null && SameEntities(last.Roles, found);
        return reused ? last! : new UsedSet([.. found]);
    }

    /// <summary>Remembers a used set once its items are filled.</summary>
    public void Remember(UsedSet used) => Volatile.Write(ref _used, used);

    /// <summary>The last call's generated set when it generated the same entities from the very same used set.</summary>
    public GeneratedSet? Generated(List<KeyValuePair<string, string>> found, UsedSet? used)
        => Volatile.Read(ref _generated) is { } last && ReferenceEquals(last.From, used) && SameEntities(last.Roles, found) ? last : null;

    /// <summary>Remembers a generated set once its items and derivations are filled.</summary>
    public void Remember(GeneratedSet generated) => Volatile.Write(ref _generated, generated);

    /// <summary>Equal and written the same.</summary>
    internal static bool Identical(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.GetType() != b.GetType())
        {
            return false;
        }

        return a switch
        {
            double x => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits((double)b),
            float x => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits((float)b),
            decimal x => SameDecimal(x, (decimal)b),
            _ => a.Equals(b),
        };
    }

    private static bool SameDecimal(decimal x, decimal y)
    {
        Span<int> left = stackalloc int[4], right = stackalloc int[4];
        decimal.GetBits(x, left);
        decimal.GetBits(y, right);
        return left.SequenceEqual(right);
    }

    // Roles are the model's own strings, so the same role is the same object.
    private static bool SameEntities(KeyValuePair<string, string>[] known, List<KeyValuePair<string, string>> found)
    {
        if (known.Length != found.Count)
        {
            return false;
        }

        for (var i = 0; i < known.Length; i++)
        {
            if (!ReferenceEquals(known[i].Key, found[i].Key) || !string.Equals(known[i].Value, found[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
