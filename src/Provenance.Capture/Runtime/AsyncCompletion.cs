using System.Collections.Concurrent;
using System.Reflection;

namespace Provenance.Capture.Runtime;

/// <summary>
/// Ends an async activity when its task completes, not when it is returned: the caller receives a
/// task that completes after the end record is written, with the original result or exception.
/// </summary>
internal static class AsyncCompletion
{
    private static readonly ConcurrentDictionary<(ReturnShape, Type), Func<object, ActivityCall, CallRecorder, object>> s_completions = new();
    private static readonly ConcurrentDictionary<(ReturnShape, Type), Func<object?, object>> s_fromResults = new();

    public static Func<object, ActivityCall, CallRecorder, object>? For(ReturnShape shape, Type? resultType)
    {
        switch (shape)
        {
            case ReturnShape.Value:
                return null;
            case ReturnShape.Task:
                return static (task, call, capture) => AwaitTask((Task)task, call, capture);
            case ReturnShape.ValueTask:
                return static (task, call, capture) => new ValueTask(AwaitTask(((ValueTask)task).AsTask(), call, capture));
        }

        if (resultType!.ContainsGenericParameters)
        {
            // Open generic result (a generic method seen through its definition): resolve from the
            // returned task's runtime type on first use.
            return (task, call, capture) => ForRuntimeType(shape, task.GetType())(task, call, capture);
        }

        return s_completions.GetOrAdd((shape, resultType), static key => Build(key.Item1, key.Item2));
    }

    public static object FromResult(ReturnShape shape, Type resultType, object? value)
        => s_fromResults.GetOrAdd((shape, resultType), static key =>
        {
            var name = key.Item1 == ReturnShape.TaskOfT ? nameof(TaskFromResult) : nameof(ValueTaskFromResult);
            return typeof(AsyncCompletion).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(key.Item2).CreateDelegate<Func<object?, object>>();
        })(value);

    private static Func<object, ActivityCall, CallRecorder, object> ForRuntimeType(ReturnShape shape, Type runtimeType)
    {
        var type = runtimeType;
        var definition = shape == ReturnShape.TaskOfT ? typeof(Task<>) : typeof(ValueTask<>);
        while (type is not null && !(type.IsGenericType && type.GetGenericTypeDefinition() == definition))
        {
            type = type.BaseType;
        }

        return s_completions.GetOrAdd((shape, type!.GetGenericArguments()[0]), static key => Build(key.Item1, key.Item2));
    }

    private static Func<object, ActivityCall, CallRecorder, object> Build(ReturnShape shape, Type resultType)
    {
        var name = shape == ReturnShape.TaskOfT ? nameof(WrapTask) : nameof(WrapValueTask);
        return typeof(AsyncCompletion).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(resultType)
            .CreateDelegate<Func<object, ActivityCall, CallRecorder, object>>();
    }

    private static object WrapTask<T>(object task, ActivityCall call, CallRecorder capture)
    {
        var typed = (Task<T>)task;
        if (typed.IsCompletedSuccessfully)
        {
            capture.End(call, typed.Result, null);
            return typed;
        }

        return AwaitTask(typed, call, capture);
    }

    private static object WrapValueTask<T>(object task, ActivityCall call, CallRecorder capture)
    {
        var typed = (ValueTask<T>)task;
        if (typed.IsCompletedSuccessfully)
        {
            capture.End(call, typed.Result, null);
            return typed;
        }

        return new ValueTask<T>(AwaitTask(typed.AsTask(), call, capture));
    }

    private static async Task AwaitTask(Task task, ActivityCall call, CallRecorder capture)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            capture.End(call, null, e);
            throw;
        }

        capture.End(call, null, null);
    }

    private static async Task<T> AwaitTask<T>(Task<T> task, ActivityCall call, CallRecorder capture)
    {
        T result;
        try
        {
            result = await task.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            capture.End(call, null, e);
            throw;
        }

        capture.End(call, result, null);
        return result;
    }

    private static object TaskFromResult<T>(object? value) => Task.FromResult(value is T typed ? typed : default!);

    private static object ValueTaskFromResult<T>(object? value) => new ValueTask<T>(value is T typed ? typed : default!);
}
