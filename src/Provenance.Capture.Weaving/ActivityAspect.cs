using System.ComponentModel;
using AspectInjector.Broker;

namespace Provenance.Capture.Weaving;

/// <summary>
/// The woven advice behind <see cref="ActivityAttribute"/>. Public only because woven code in other
/// assemblies calls it; pipeline code never uses it directly.
/// </summary>
/// <remarks>
/// It lives apart from the capture runtime, which registers itself here when a capture starts, so that
/// the runtime's assembly holds nothing the weaver must rewrite: a copy of it compiled by another tool
/// (a mutation tester's, say) works with woven code as the weaver's own build does.
/// </remarks>
[Aspect(Scope.Global)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ActivityAspect
{
    private static WovenCallHandler? s_handler;

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
    {
        if (Volatile.Read(ref s_handler) is { } handler)
        {
            return handler(target, arguments, type, name)!;
        }

        NeverStarted(type, name);
        return target(arguments)!;
    }

    private static int s_toldNeverStarted;

    // Once per process, on standard error: a pipeline that forgot ProvenanceCapture.Start runs unrecorded.
    private static void NeverStarted(Type type, string name)
    {
        if (Interlocked.Exchange(ref s_toldNeverStarted, 1) == 0)
        {
            try
            {
                Console.Error.WriteLine($"provenance: {type.Name}.{name} is an [Activity] method, but no provenance capture was started (ProvenanceCapture.Start): its calls are not recorded");
            }
            catch (IOException)
            {
                // No standard error: nothing to tell.
            }
        }
    }

    /// <summary>Hands every woven call to <paramref name="handler"/> from now on (the capture runtime, once it has started).</summary>
    internal static void HandleWith(WovenCallHandler handler) => Volatile.Write(ref s_handler, handler);
}
