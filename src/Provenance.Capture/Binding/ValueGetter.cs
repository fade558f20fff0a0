namespace Provenance.Capture.Binding;

/// <summary>Reads a value from a call: its arguments and (after it returns) its result.</summary>
/// <param name="arguments">The call's arguments, in declaration order.</param>
/// <param name="result">The return value (the task's result for async methods), or null before it exists.</param>
/// <returns>The value, or null when a step of the path is null.</returns>
internal delegate object? ValueGetter(object?[] arguments, object? result);
