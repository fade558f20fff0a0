using System.ComponentModel;
using AspectInjector.Broker;

namespace Provenance.Capture.Runtime;

/// <summary>
/// The woven advice behind <see cref="ActivityAttribute"/>. Public only because woven code in other
/// assemblies calls it; pipeline code never uses it directly.
/// </summary>
[Aspect(Scope.Global)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ActivityAspect
{
    /// <summary>Runs around every call of an <see cref="ActivityAttribute"/> method.</summary>
    /// <param name="target">The original method body.</param>
    /// <param name="arguments">The call's arguments.</param>
    /// <param name="type">The type that declares the woven method.</param>
    /// <param name="name">The woven method's name.</param>
    /// <returns>What the method returns (for async methods, a task that completes after the records are written).</returns>
    [Advice(Kind.Around, Targets = Target.Method)]
    public object Around(
        [Argument(Source.Target)] Func<object[], object> target,
        [Argument(Source.Arguments)] object[] arguments,
        [Argument(Source.Type)] Type type,
        [Argument(Source.Name)] string name)
        => ActivityInterceptor.Invoke(target, arguments, type, name)!;
}
