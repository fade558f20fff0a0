using System.Reflection;
using System.Runtime.InteropServices;
using Provenance.Capture.Records;

namespace Provenance.Capture.Session;

/// <summary>The execution environment of one process, captured once and written as the session record.</summary>
internal static class SessionInfo
{
    public static ProvRecord Capture(SessionSettings settings)
    {
        var entry = Assembly.GetEntryAssembly();
        var record = new ProvRecord(RecordKinds.Session, 21)
            .Add(RecordFields.SessionId, settings.SessionId)
            .Add(RecordFields.SessionTag, settings.SessionTag)
            .Add(RecordFields.Name, settings.Name)
            .Add(RecordFields.StartTime, DateTimeOffset.UtcNow)
            .Add(RecordFields.Executable, Environment.ProcessPath)
            .Add(RecordFields.CommandLine, RedactArguments(Environment.GetCommandLineArgs()))
            .Add(RecordFields.WorkingDirectory, Environment.CurrentDirectory)
            .Add(RecordFields.OperatingSystem, RuntimeInformation.OSDescription)
            .Add(RecordFields.Runtime, RuntimeInformation.FrameworkDescription)
            .Add(RecordFields.CpuCount, Environment.ProcessorCount)
            .Add(RecordFields.Host, Environment.MachineName)
            .Add(RecordFields.User, Environment.UserName)
            .Add(RecordFields.ProcessId, Environment.ProcessId)
            .Add(RecordFields.SoftwareVersion, settings.SoftwareVersion ?? VersionOf(entry))
            .Add(RecordFields.Model, settings.ModelSource)
            .Add(RecordFields.ModelNotes, settings.ModelNotes)
            .Add(RecordFields.ObservationDate, settings.ObservationDate)
            .Add(RecordFields.DryRun, settings.DryRun ? true : null)
            .Add(RecordFields.Assemblies, AsDictionary(LoadedAssemblies()))
            .Add(RecordFields.Environment, AsDictionary(ChosenEnvironment(settings.EnvironmentVariables)));
        return record;
    }

    // Serilog renders Dictionary<,> as a JSON object but other dictionaries as arrays; keep the sorted order.
    private static Dictionary<string, string> AsDictionary(SortedDictionary<string, string> sorted) => new(sorted, StringComparer.Ordinal);

    internal static string RedactArguments(string[] arguments)
    {
        // "--token abc", "--password=abc" and "-p abc" (the usual short flag for a password) must not leak
        // through the command line either; nor a connection string or URL given as an argument.
        var parts = new string[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = arguments[i];
            var equals = argument.IndexOf('=');
            if (argument.StartsWith('-') && equals > 0 && SecretRedactor.IsSecretName(argument[..equals]))
            {
                parts[i] = argument[..(equals + 1)] + SecretRedactor.Redacted;
            }
            else if (i > 0 && arguments[i - 1].StartsWith('-') && !arguments[i - 1].Contains('=') && (SecretRedactor.IsSecretName(arguments[i - 1]) || arguments[i - 1] == "-p"))
            {
                parts[i] = SecretRedactor.Redacted;
            }
            else
            {
                parts[i] = SecretRedactor.Redact(string.Empty, argument);
            }
        }

        return string.Join(' ', parts);
    }

    private static string? VersionOf(Assembly? assembly)
        => assembly?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
           ?? assembly?.GetName().Version?.ToString();

    private static SortedDictionary<string, string> LoadedAssemblies()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic)
            {
                continue;
            }

            var name = assembly.GetName();
            if (name.Name is { } simple)
            {
                result[simple] = VersionOf(assembly) ?? "unknown";
            }
        }

        return result;
    }

    private static SortedDictionary<string, string> ChosenEnvironment(IEnumerable<string> patterns)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var variables = Environment.GetEnvironmentVariables();
        foreach (var pattern in patterns)
        {
            foreach (System.Collections.DictionaryEntry variable in variables)
            {
                var name = (string)variable.Key;
                if (Matches(pattern, name))
                {
                    result[name] = SecretRedactor.Redact(name, variable.Value as string ?? string.Empty);
                }
            }
        }

        return result;
    }

    private static bool Matches(string pattern, string name)
        => pattern.EndsWith('*')
            ? name.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, name, StringComparison.Ordinal);
}
