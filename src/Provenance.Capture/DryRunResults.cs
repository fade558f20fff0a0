namespace Provenance.Capture;

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
