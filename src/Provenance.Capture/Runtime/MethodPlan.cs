using System.Reflection;
using Provenance.Capture.Binding;
using Provenance.Capture.Entities;
using Provenance.Capture.Records;

namespace Provenance.Capture.Runtime;

/// <summary>
/// What is decided once per woven method: its activity, compiled model binding, return shape and the
/// delegates that finish async calls and build dry-run results. Three parts change from call to call,
/// and only by their own rules: <see cref="Reuse"/> (what the last call recorded, see
/// <see cref="LastCallReuse"/>), the role files (the file each role named last, a cache entry of
/// <see cref="Entities.EntityCache"/>) and the record shapes (names a method's records share).
/// </summary>
internal sealed class MethodPlan
{
    public static readonly MethodPlan Ignored = new("(ignored)", CaptureMode.Ignored, null, null);

    public MethodPlan(string activityName, CaptureMode mode, ActivityBinding? binding, MethodBase? method)
    {
        ActivityName = activityName;
        Mode = mode;
        Binding = binding;
        Method = method;
        ParameterNames = method?.GetParameters().Select(p => p.Name ?? string.Empty).ToArray() ?? [];
        Script = method is null ? activityName : $"{method.DeclaringType?.FullName}.{method.Name}";
        AgentName = binding?.Agent?.Name;
        var returnType = (method as MethodInfo)?.ReturnType ?? typeof(void);
        (Shape, ResultType) = ShapeOf(returnType);
        Completion = AsyncCompletion.For(Shape, ResultType);
        Reuse = new LastCallReuse(binding?.ContextArray.Length ?? 0);
        UsageFiles = new RoleFile?[binding?.UsageArray.Length ?? 0];
        GenerationFiles = new RoleFile?[binding?.GenerationArray.Length ?? 0];
    }

    public string ActivityName { get; }

    /// <summary>What this method's start records share (a logger provider keeps its own state there).</summary>
    public RecordShape StartShape { get; } = new(12);

    /// <summary>What this method's end records share.</summary>
    public RecordShape EndShape { get; } = new(6);

    /// <summary>The one mutable part of a plan: what the method's last call recorded, see <see cref="LastCallReuse"/>.</summary>
    public LastCallReuse Reuse { get; }

    /// <summary>The file each usage names at its last call, by index: the same path again finds its cache entry at once.</summary>
    public RoleFile?[] UsageFiles { get; }

    /// <summary>The same for generations.</summary>
    public RoleFile?[] GenerationFiles { get; }

    public CaptureMode Mode { get; }

    public ActivityBinding? Binding { get; }

    public MethodBase? Method { get; }

    public string[] ParameterNames { get; }

    public string Script { get; }

    public string? AgentName { get; }

    public ReturnShape Shape { get; }

    /// <summary>The type of the value <c>result</c> stands for, or null.</summary>
    public Type? ResultType { get; }

    /// <summary>Waits for an async call's task and ends the activity; null for synchronous methods.</summary>
    public Func<object, ActivityCall, CallRecorder, object>? Completion { get; }

    public Func<DryRunContext, object?>? DryRunFactory { get; set; }

    /// <summary>What a skipped (dry-run) call returns.</summary>
    public object? DryRunResult(object?[] arguments)
    {
        var value = DryRunFactory?.Invoke(new DryRunContext(ActivityName, ParameterNames, arguments));
        if (value is null && ResultType is { IsValueType: true } && !ResultType.ContainsGenericParameters)
        {
            value = Activator.CreateInstance(ResultType);
        }

        return Shape switch
        {
            ReturnShape.Value => value,
            ReturnShape.Task => Task.CompletedTask,
            ReturnShape.ValueTask => default(ValueTask),
            _ => AsyncCompletion.FromResult(Shape, ResultType!, value),
        };
    }

    private static (ReturnShape, Type?) ShapeOf(Type type)
    {
        if (type == typeof(void))
        {
            return (ReturnShape.Value, null);
        }

        if (type == typeof(Task))
        {
            return (ReturnShape.Task, null);
        }

        if (type == typeof(ValueTask))
        {
            return (ReturnShape.ValueTask, null);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return (ReturnShape.TaskOfT, type.GetGenericArguments()[0]);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return (ReturnShape.ValueTaskOfT, type.GetGenericArguments()[0]);
        }

        return (ReturnShape.Value, type);
    }
}
