using System.ComponentModel;
using System.Reflection;
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
    /// <param name="method">The woven method.</param>
    /// <returns>What the method returns (for async methods, a task that completes after the records are written).</returns>
    [Advice(Kind.Around, Targets = Target.Method)]
    public object Around(
        [Argument(Source.Target)] Func<object[], object> target,
        [Argument(Source.Arguments)] object[] arguments,
        [Argument(Source.Metadata)] MethodBase method)
        => ActivityInterceptor.Invoke(target, arguments, method)!;
}
