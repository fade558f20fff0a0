using System.Collections.Concurrent;
using System.Reflection;
using Provenance.Capture.Binding;

namespace Provenance.Capture.Runtime;

/// <summary>
/// Finds the plan of a woven call from what the weaving hands over without allocating: the method's
/// declaring type and name. (Asking AspectInjector for the method itself makes a new runtime handle
/// object on every call.) A name that several activity methods of a type share, overloads, is told
/// apart through the method the call's target runs (slower, and it allocates: overloaded activities are rare).
/// </summary>
internal sealed class WovenMethods(Func<MethodBase, MethodPlan> planOf, Action<string> report)
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
    private const string BodyPrefix = "__a$_around_";
    private const string BodySuffix = "_u";
    private const string MovedSuffix = "_o";
    private readonly ConcurrentDictionary<Type, TypeActivities> _types = new();
    private readonly ConcurrentDictionary<MethodInfo, MethodPlan> _byBody = new();

    public MethodPlan PlanFor(Type type, string name, Delegate target)
    {
        if (!_types.TryGetValue(type, out var activities))
        {
            activities = _types.GetOrAdd(type, static (type, planOf) => TypeActivities.Of(type, planOf), planOf);
        }

        return activities.Find(name) ?? PlanOfBody(type, name, target.Method);
    }

    // Overloads (and anything reflection did not show): once per method the target runs. AspectInjector
    // moves a woven method's body into "__a$_around_{name}_{n}_o", with the method's own parameters, and
    // the target runs "…_u", which unpacks the arguments for it: the parameters of "…_o" tell overloads apart.
    private MethodPlan PlanOfBody(Type type, string name, MethodInfo body)
    {
        if (_byBody.TryGetValue(body, out var plan))
        {
            return plan;
        }

        var text = body.Name;
        MethodInfo? woven = null;
        if (text.StartsWith(BodyPrefix + name + "_", StringComparison.Ordinal) && text.EndsWith(BodySuffix, StringComparison.Ordinal))
        {
            var moved = text[..^BodySuffix.Length] + MovedSuffix;
            var signature = type.GetMethods(Declared).Where(m => m.Name == moved).Select(Signature).FirstOrDefault();
            var matches = AssemblyScan.ActivityMethodsOf(type).Where(m => m.Name == name && Signature(m) == signature).ToList();
            woven = matches.Count == 1 ? matches[0] : null;
        }

        if (woven is null)
        {
            report($"cannot tell which method of {type.FullName} named {name} a call runs (the weaver named its body '{text}'); its calls are not recorded");
            plan = MethodPlan.Ignored;
        }
        else
        {
            plan = planOf(woven);
        }

        return _byBody.GetOrAdd(body, plan);
    }

    // Parameter types as written (a method's own type parameters by name) and the number of type parameters.
    private static string Signature(MethodInfo method)
        => string.Join(',', method.GetParameters().Select(p => p.ParameterType.ToString())) + "`" + method.GetGenericArguments().Length;

    // The activity methods of one type whose name no other activity method of the type has.
    private sealed class TypeActivities(string[] names, MethodPlan[] plans)
    {
        public static TypeActivities Of(Type type, Func<MethodBase, MethodPlan> planOf)
        {
            var unique = AssemblyScan.ActivityMethodsOf(type)
                .GroupBy(m => m.Name, StringComparer.Ordinal)
                .Where(g => g.Count() == 1)
                .Select(g => g.Single())
                .ToList();
            return new TypeActivities([.. unique.Select(m => m.Name)], [.. unique.Select(planOf)]);
        }

        public MethodPlan? Find(string name)
        {
            for (var i = 0; i < names.Length; i++)
            {
                if (string.Equals(names[i], name, StringComparison.Ordinal))
                {
                    return plans[i];
                }
            }

            return null;
        }
    }
}
