using AspectInjector.Broker;
using Provenance.Capture.Weaving;

namespace Provenance.Capture;

/// <summary>
/// Marks a processing method as a provenance activity. At compile time the method body is woven so
/// that every call, from any caller, emits PROV records described by the YAML provenance model.
/// </summary>
/// <remarks>
/// This is the only type pipeline code needs. The activity name defaults to the method name; the
/// model's <c>activities</c> section says which parameters, used and generated entities it has.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
[Injection(typeof(ActivityAspect))]
public sealed class ActivityAttribute : Attribute
{
    /// <summary>Names the activity after the method.</summary>
    public ActivityAttribute()
    {
    }

    /// <summary>Names the activity explicitly (the key of its entry in the model).</summary>
    /// <param name="name">Activity name, e.g. <c>r0_to_dl1</c>.</param>
    public ActivityAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The activity name given in code, or <see langword="null"/> for the method name.</summary>
    public string? Name { get; }
}
