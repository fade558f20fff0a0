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

/// <summary>
/// Builds the return values of skipped methods under dry-run, so that later steps and the model's
/// <c>result.X</c> expressions still see plausible outputs (e.g. the paths a step would write).
/// Without a factory a method returns <c>default</c> (a completed task for async methods).
/// </summary>
public sealed class DryRunResults
{
    private readonly Dictionary<string, Func<DryRunContext, object?>> _byActivity = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, Func<DryRunContext, object?>> _byType = [];

    /// <summary>Builds results of one activity.</summary>
    /// <param name="activity">Activity name.</param>
    /// <param name="factory">Builds the result from the call's arguments.</param>
    /// <returns>This object.</returns>
    public DryRunResults For(string activity, Func<DryRunContext, object?> factory)
    {
        _byActivity[activity] = factory;
        return this;
    }

    /// <summary>Builds results of every activity returning <typeparamref name="T"/> (or a task of it).</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="factory">Builds the result from the call's arguments.</param>
    /// <returns>This object.</returns>
    public DryRunResults For<T>(Func<DryRunContext, T> factory)
    {
        _byType[typeof(T)] = context => factory(context);
        return this;
    }

    internal Func<DryRunContext, object?>? Find(string activity, Type? resultType)
    {
        if (_byActivity.TryGetValue(activity, out var byName))
        {
            return byName;
        }

        return resultType is not null && _byType.TryGetValue(resultType, out var byType) ? byType : null;
    }
}
