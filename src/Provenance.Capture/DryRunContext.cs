namespace Provenance.Capture;

/// <summary>The call a dry-run result is built for.</summary>
public sealed class DryRunContext
{
    private readonly string[] _names;
    private readonly object?[] _arguments;

    internal DryRunContext(string activity, string[] names, object?[] arguments)
    {
        Activity = activity;
        _names = names;
        _arguments = arguments;
    }

    /// <summary>The activity name.</summary>
    public string Activity { get; }

    /// <summary>An argument by parameter name.</summary>
    /// <typeparam name="T">Its type.</typeparam>
    /// <param name="name">The parameter name.</param>
    /// <returns>The argument.</returns>
    /// <exception cref="ArgumentException">The method has no such parameter.</exception>
    public T Argument<T>(string name)
    {
        var index = Array.IndexOf(_names, name);
        if (index < 0)
        {
            throw new ArgumentException($"activity '{Activity}' has no parameter '{name}' (it has: {string.Join(", ", _names)})", nameof(name));
        }

        return (T)_arguments[index]!;
    }
}
