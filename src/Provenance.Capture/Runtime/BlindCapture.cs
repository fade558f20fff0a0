using Provenance.Capture.Model;
using Provenance.Capture.Records;

namespace Provenance.Capture.Runtime;

/// <summary>
/// Records an activity the model does not describe: every argument as a parameter, and arguments
/// or results that name existing files as used or generated file entities.
/// </summary>
internal static class BlindCapture
{
    private static readonly EntityDescription BlindFile = new() { Name = "File", Type = EntityType.File, Hash = HashMode.Content };

    public static void AddStart(ProvRecord record, MethodPlan plan, ActivityCall call, EntityRecorder entities, Action<string, ActivityCall> warn)
    {
        var parameters = new Dictionary<string, object?>(plan.ParameterNames.Length, StringComparer.Ordinal);
        var used = new List<Dictionary<string, object?>>();
        var ids = new List<string>(1);
        for (var i = 0; i < plan.ParameterNames.Length; i++)
        {
            var value = call.Arguments[i];
            // Unmodelled methods have no secret: true; their parameter names are all there is to go by.
            parameters[plan.ParameterNames[i]] = SecretRedactor.IsSecretName(plan.ParameterNames[i]) ? SecretRedactor.Redacted : RecordValues.Scalar(value);
            if (IsFile(value))
            {
                ids.Clear();
                entities.Record(value, BlindFile, call, generated: false, warn, ids);
                used.Add(new(2, StringComparer.Ordinal) { [RecordFields.UsedId] = ids[0], [RecordFields.UsedRole] = plan.ParameterNames[i] });
            }
        }

        record.Add(RecordFields.Parameters, parameters).Add(RecordFields.Used, used.Count > 0 ? used : null);
    }

    public static void AddEnd(ProvRecord record, ActivityCall call, object? result, EntityRecorder entities, Action<string, ActivityCall> warn)
    {
        if (!IsFile(result))
        {
            return;
        }

        var ids = new List<string>(1);
        entities.Record(result, BlindFile, call, generated: true, warn, ids);
        record.Add(RecordFields.Generated, new List<Dictionary<string, object?>>
        {
            new(2, StringComparer.Ordinal) { [RecordFields.GeneratedId] = ids[0], [RecordFields.GeneratedRole] = "result" },
        });
    }

    private static bool IsFile(object? value) => value switch
    {
        FileInfo info => info.Exists,
        string text => text.Length is > 0 and < 4096 && text.IndexOfAny(Path.GetInvalidPathChars()) < 0 && File.Exists(text),
        _ => false,
    };
}
