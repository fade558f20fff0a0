using System.Reflection;
using Provenance.Capture.Model;

namespace Provenance.Capture.Binding;

/// <summary>
/// An activity of the model bound to one method: every expression compiled, ready to run per call.
/// </summary>
internal sealed class ActivityBinding
{
    internal ActivityBinding(
        ActivityDescription activity,
        AgentDescription? agent,
        BoundParameter[] parameters,
        BoundRole[] usage,
        BoundRole[] generation,
        KeyValuePair<string, ValueGetter>[] context)
    {
        Activity = activity;
        Agent = agent;
        ParameterArray = parameters;
        UsageArray = usage;
        GenerationArray = generation;
        ContextArray = context;
    }

    /// <summary>The activity described by the model.</summary>
    public ActivityDescription Activity { get; }

    /// <summary>The agent responsible.</summary>
    public AgentDescription? Agent { get; }

    /// <summary>Compiled parameters.</summary>
    public IReadOnlyList<BoundParameter> Parameters => ParameterArray;

    /// <summary>Compiled usages.</summary>
    public IReadOnlyList<BoundRole> Usage => UsageArray;

    /// <summary>Compiled generations.</summary>
    public IReadOnlyList<BoundRole> Generation => GenerationArray;

    /// <summary>Compiled context getters (<c>run</c>, <c>subrun</c>, <c>date</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, ValueGetter>> Context => ContextArray;

    // The same lists as arrays, for the per-call loops (a foreach over an interface allocates an enumerator).
    internal BoundParameter[] ParameterArray { get; }

    internal BoundRole[] UsageArray { get; }

    internal BoundRole[] GenerationArray { get; }

    internal KeyValuePair<string, ValueGetter>[] ContextArray { get; }

    /// <summary>
    /// Binds an activity of <paramref name="model"/> to <paramref name="method"/>, compiling every expression.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="activity">The activity.</param>
    /// <param name="method">The method carrying <see cref="ActivityAttribute"/>.</param>
    /// <param name="diagnostics">Receives every expression that does not fit the method.</param>
    /// <returns>The binding, or null when a diagnostic was reported.</returns>
    public static ActivityBinding? Bind(ProvenanceModel model, ActivityDescription activity, MethodBase method, ICollection<ModelDiagnostic> diagnostics)
    {
        var resultType = ResultTypeOf(method);
        var ok = true;

        ValueGetter? Compile(ValueExpression expression, string name)
        {
            var getter = ExpressionCompiler.Compile(expression, method, resultType, (id, subject, message) =>
                diagnostics.Add(new ModelDiagnostic(id, DiagnosticSeverity.Error, model.Source, expression.Line, activity.Name, subject, message)));
            ok &= getter is not null;
            return getter;
        }

        var parameters = new List<BoundParameter>();
        foreach (var parameter in activity.Parameters)
        {
            if (Compile(parameter.Value, parameter.Name) is { } getter)
            {
                parameters.Add(new BoundParameter(parameter, getter));
            }
        }

        BoundRole[] Roles(IReadOnlyList<EntityRoleDescription> roles)
        {
            var bound = new List<BoundRole>();
            foreach (var role in roles)
            {
                var getter = Compile(role.Value, role.Role);
                if (getter is not null && model.Entities.TryGetValue(role.EntityName, out var entity))
                {
                    bound.Add(new BoundRole(role, entity, getter));
                }
            }

            return [.. bound];
        }

        var usage = Roles(activity.Usage);
        var generation = Roles(activity.Generation);
        var context = new List<KeyValuePair<string, ValueGetter>>();
        foreach (var (key, expression) in activity.Context)
        {
            if (Compile(expression, key) is { } getter)
            {
                context.Add(new(key, getter));
            }
        }

        return ok ? new ActivityBinding(activity, model.AgentOf(activity), [.. parameters], usage, generation, [.. context]) : null;
    }

    /// <summary>The type <c>result</c> stands for: the return type, or the task's result type; null for void and plain tasks.</summary>
    /// <param name="method">The method.</param>
    /// <returns>The result type or null.</returns>
    public static Type? ResultTypeOf(MethodBase method)
    {
        if (method is not MethodInfo info || info.ReturnType == typeof(void) || info.ReturnType == typeof(Task) || info.ReturnType == typeof(ValueTask))
        {
            return null;
        }

        var type = info.ReturnType;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            return type.GetGenericArguments()[0];
        }

        return type;
    }
}
