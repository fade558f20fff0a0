using System.CommandLine;
using Provenance.Capture.Model;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Cli;

/// <summary>What every verb of provcap shares: exit codes, one-line errors, option parsing.</summary>
internal static class CommandParts
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Skipped = 3;
    public const int NothingSelected = 4;

    // Tokens that look like options but are none would otherwise be taken for file names.
    internal static void RejectUnknownOptions(Argument argument, string verb)
        => argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Select(t => t.Value).Where(t => t.Length > 1 && t[0] == '-' && !File.Exists(t)))
            {
                result.AddError($"unknown option '{token}' for 'provcap {verb}'");
            }
        });

    internal static T ParseChoice<T>(System.CommandLine.Parsing.ArgumentResult result, string what)
        where T : struct, Enum
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!text.All(char.IsAsciiDigit) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a {what}: expected {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
        return default;
    }

    internal static int ParseThreads(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var threads) && threads is >= 1 and <= 64)
        {
            return threads;
        }

        result.AddError($"'{text}' is not a number of threads: expected 1 to 64");
        return 1;
    }

    internal static DateTimeOffset? ParseTime(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        result.AddError($"'{text}' is not a time: expected ISO 8601, e.g. 2020-11-20T22:00:00Z");
        return null;
    }

    // User mistakes get one clear line, never a stack trace (nor .NET's "(Parameter 'path')").
    internal static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException or ProvenanceModelException or GraphvizException or Store.StoreException or System.Data.Common.DbException)
        {
            var message = e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : e.Message;
            error.WriteLine($"provcap: {message}");
            return Failed;
        }
    }
}
