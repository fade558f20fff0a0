namespace Provenance.Capture.Runtime;

/// <summary>The per-call logic of the woven advice.</summary>
internal static class ActivityInterceptor
{
    private static int s_toldAfterStop;

    // Once per process, whatever SelfLog's output: a loop of calls after Dispose would otherwise report (and format) every call.
    private static void CalledAfterStop(Type type, string name)
    {
        if (Interlocked.Exchange(ref s_toldAfterStop, 1) == 0)
        {
            SelfLog.Write($"{type.Name}.{name} was called after the provenance capture stopped: its calls are not recorded");
        }
    }

    public static object? Invoke(Func<object[], object> target, object[] arguments, Type type, string name)
    {
        var runtime = CaptureRuntime.Active;
        if (runtime is null)
        {
            CalledAfterStop(type, name);
            return target(arguments);
        }

        var plan = runtime.Woven.PlanFor(type, name, target);
        if (plan.Mode == CaptureMode.Ignored)
        {
            return target(arguments);
        }

        var capture = runtime.Recorder;
        var call = capture.Begin(plan, arguments);
        if (call is null)
        {
            return target(arguments);
        }

        var parent = ActivityContext.Enter(call);
        object? result;
        try
        {
            result = runtime.DryRun ? plan.DryRunResult(arguments) : target(arguments);
        }
        catch (Exception e)
        {
            ActivityContext.Exit(parent);
            capture.End(call, null, e);
            throw;
        }

        ActivityContext.Exit(parent);
        if (plan.Completion is null)
        {
            capture.End(call, result, null);
            return result;
        }

        if (result is null)
        {
            capture.End(call, null, null);
            return result;
        }

        return plan.Completion(result, call, capture);
    }
}
