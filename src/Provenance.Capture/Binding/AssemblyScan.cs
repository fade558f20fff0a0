using System.Reflection;

namespace Provenance.Capture.Binding;

/// <summary>Finds the assemblies and methods to bind at start-up.</summary>
internal static class AssemblyScan
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>
    /// The entry assembly, the assemblies it references that reference the attribute's assembly, and every
    /// loaded assembly that references it: only those can hold activity methods. (A pipeline library with
    /// [Activity] methods need not reference Provenance.Capture itself.)
    /// </summary>
    public static IEnumerable<Assembly> WithActivities()
    {
        var self = typeof(ActivityAttribute).Assembly.GetName().Name;
        var result = new HashSet<Assembly>();
        var entry = Assembly.GetEntryAssembly();
        if (entry is not null)
        {
            result.Add(entry);
            foreach (var reference in entry.GetReferencedAssemblies())
            {
                try
                {
                    var loaded = Assembly.Load(reference);
                    if (References(loaded, self))
                    {
                        result.Add(loaded);
                    }
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    // An unloadable reference holds no activities we could call anyway.
                }
            }
        }

        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!assembly.IsDynamic && References(assembly, self))
            {
                result.Add(assembly);
            }
        }

        return result;
    }

    /// <summary>Every activity method of an assembly (types that fail to load are skipped).</summary>
    public static IEnumerable<MethodInfo> ActivityMethods(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }

        return types.Where(type => type is not null).SelectMany(type => ActivityMethodsOf(type!));
    }

    /// <summary>The methods a type declares with <see cref="ActivityAttribute"/> (those the weaving wraps).</summary>
    public static IEnumerable<MethodInfo> ActivityMethodsOf(Type type)
        => type.GetMethods(Declared).Where(m => m.IsDefined(typeof(ActivityAttribute), false));

    private static bool References(Assembly assembly, string? name)
        => assembly.GetReferencedAssemblies().Any(r => r.Name == name);
}
