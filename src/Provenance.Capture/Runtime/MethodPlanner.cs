using System.Collections.Concurrent;
using System.Reflection;
using Provenance.Capture.Binding;
using Provenance.Capture.Model;

namespace Provenance.Capture.Runtime;

/// <summary>
/// Makes the plan of every <see cref="ActivityAttribute"/> method: bound to the model at start-up (every
/// mismatch reported at once), or on first call for methods of assemblies loaded later.
/// </summary>
internal sealed class MethodPlanner(ProvenanceModel model, UnmodelledActivityHandling unmodelled, DryRunResults dryRunResults, CaptureDiagnostics diagnostics)
{
    private readonly ConcurrentDictionary<MethodBase, MethodPlan> _plans = new();
    private readonly List<ModelDiagnostic> _warnings = [];

    /// <summary>Warnings found at start-up (e.g. activities the model does not describe).</summary>
    public IReadOnlyList<ModelDiagnostic> Warnings => _warnings;

    /// <summary>Plans every activity method of <paramref name="assemblies"/>.</summary>
    /// <exception cref="ProvenanceModelException">Some method does not fit the model; every problem is listed.</exception>
    public void BindAll(IEnumerable<Assembly> assemblies)
    {
        var found = new List<ModelDiagnostic>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in assemblies)
        {
            foreach (var method in AssemblyScan.ActivityMethods(assembly))
            {
                var attribute = method.GetCustomAttribute<ActivityAttribute>()!;
                _plans[method] = Plan(method, attribute, found);
                names.Add(attribute.Name ?? method.Name);
            }
        }

        found.AddRange(UnusedActivities(names));

        var fatal = found.Where(e => e.Severity == DiagnosticSeverity.Error).ToList();
        _warnings.AddRange(found.Where(e => e.Severity == DiagnosticSeverity.Warning));
        foreach (var warning in _warnings)
        {
            diagnostics.Warn(warning.ToString());
        }

        if (fatal.Count > 0)
        {
            throw new ProvenanceModelException(fatal);
        }
    }

    // Model activities no method of the scanned assemblies has: a typo on one side leaves both an
    // unmodelled method (PCAP003) and this orphan entry, which names the method it probably means.
    private IEnumerable<ModelDiagnostic> UnusedActivities(HashSet<string> methods)
    {
        foreach (var (name, activity) in model.Activities)
        {
            if (methods.Contains(name))
            {
                continue;
            }

            var closest = methods.Where(m => !model.Activities.ContainsKey(m)).MinBy(m => EditDistance(m, name));
            var hint = closest is not null && EditDistance(closest, name) <= Math.Max(2, name.Length / 4) ? $"; did you mean '{closest}'?" : string.Empty;
            yield return new ModelDiagnostic(DiagnosticIds.UnusedActivity, DiagnosticSeverity.Warning, model.Source, activity.Line, name, null,
                $"no [Activity(\"{name}\")] method was found in the assemblies scanned at start-up{hint}");
        }
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    public MethodPlan PlanFor(MethodBase method) => _plans.TryGetValue(method, out var plan) ? plan : PlanLate(method);

    private MethodPlan PlanLate(MethodBase method)
    {
        // Methods of assemblies loaded after start-up (woven calls name methods as declared: never a
        // constructed generic). Bound once here.
        var attribute = method.GetCustomAttribute<ActivityAttribute>() ?? new ActivityAttribute();
        var found = new List<ModelDiagnostic>();
        var plan = Plan(method, attribute, found);
        foreach (var diagnostic in found)
        {
            diagnostics.Warn(diagnostic.ToString());
        }

        return _plans.GetOrAdd(method, plan);
    }

    private MethodPlan Plan(MethodBase method, ActivityAttribute attribute, List<ModelDiagnostic> found)
    {
        var name = attribute.Name ?? method.Name;
        MethodPlan plan;
        if (model.Activities.TryGetValue(name, out var activity))
        {
            var binding = ActivityBinding.Bind(model, activity, method, found);
            plan = binding is null ? MethodPlan.Ignored : new MethodPlan(name, CaptureMode.Modelled, binding, method);
        }
        else
        {
            var where = $"{method.DeclaringType?.FullName}.{method.Name}";
            switch (unmodelled)
            {
                case UnmodelledActivityHandling.CaptureBlind:
                    plan = new MethodPlan(name, CaptureMode.Blind, null, method);
                    break;
                case UnmodelledActivityHandling.Error:
                    found.Add(new ModelDiagnostic(DiagnosticIds.UnmodelledActivity, DiagnosticSeverity.Error, model.Source, 0, name, where, $"method {where} is an activity the model does not describe; add '{name}' under 'activities'"));
                    return MethodPlan.Ignored;
                default:
                    found.Add(new ModelDiagnostic(DiagnosticIds.UnmodelledActivity, DiagnosticSeverity.Warning, model.Source, 0, name, where, $"method {where} is an activity the model does not describe; its calls are not recorded (add '{name}' under 'activities', or set UnmodelledActivities = CaptureBlind)"));
                    return MethodPlan.Ignored;
            }
        }

        if (plan.Mode != CaptureMode.Ignored)
        {
            plan.DryRunFactory = dryRunResults.Find(name, plan.ResultType);
        }

        return plan;
    }
}
