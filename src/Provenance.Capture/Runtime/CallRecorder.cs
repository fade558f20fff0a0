using Provenance.Capture.Binding;
using Provenance.Capture.Records;

namespace Provenance.Capture.Runtime;

/// <summary>
/// Records one call of an activity: its start record (context, parameters, used entities) and its end
/// record (status, generated entities, derivations). Never throws into the pipeline: a failure to
/// record is reported and the call goes on unrecorded.
/// </summary>
internal sealed class CallRecorder
{
    [ThreadStatic]
    private static Scratch? s_scratch;
    private readonly RecordWriter _writer;
    private readonly EntityRecorder _entities;
    private readonly CaptureDiagnostics _diagnostics;
    private readonly ActivityIds _ids;
    private readonly Action<string, ActivityCall> _warn;
    private readonly string _sessionId;
    private readonly bool _dryRun;

    public CallRecorder(RecordWriter writer, EntityRecorder entities, CaptureDiagnostics diagnostics, string sessionId, bool dryRun)
    {
        _writer = writer;
        _entities = entities;
        _diagnostics = diagnostics;
        _ids = new ActivityIds(sessionId);
        _sessionId = sessionId;
        _dryRun = dryRun;
        _warn = Warn;
    }

    /// <summary>Writes the start record of a call; null when it could not be recorded.</summary>
    public ActivityCall? Begin(MethodPlan plan, object?[] arguments)
    {
        try
        {
            var call = new ActivityCall(plan, arguments, _ids.Next());
            var record = new ProvRecord(RecordKinds.ActivityStart, plan.StartShape)
                .Add(RecordFields.ActivityId, call.Id)
                .Add(RecordFields.Name, plan.ActivityName)
                .Add(RecordFields.StartTime, DateTimeOffset.UtcNow)
                .Add(RecordFields.InSession, _sessionId)
                .Add(RecordFields.AgentName, plan.AgentName)
                .Add(RecordFields.Script, plan.Script)
                .Add(RecordFields.ParentActivityId, ActivityContext.Current?.Id)
                .Add(RecordFields.DryRun, _dryRun ? true : null)
                .Add(RecordFields.Blind, plan.Mode == CaptureMode.Blind ? true : null);
            if (plan.Binding is { } binding)
            {
                AddContext(record, plan, binding, arguments);
                if (binding.ParameterArray.Length > 0)
                {
                    var parameters = plan.Reuse.Parameters(binding.ParameterArray, arguments);
                    record.Add(RecordFields.Parameters, parameters.Map).Add(RecordFields.ParameterTypes, parameters.Types);
                }

                record.Add(RecordFields.Used, Usages(binding, call));
            }
            else
            {
                BlindCapture.AddStart(record, plan, call, _entities, _warn);
            }

            record.Complete();
            _writer.Write(record);
            return call;
        }
        catch (Exception e)
        {
            _diagnostics.Failure($"could not record the start of activity '{plan.ActivityName}'", e);
            return null;
        }
    }

    /// <summary>Writes the end record of a call, once, whatever calls it (the woven code or a task's continuation).</summary>
    public void End(ActivityCall call, object? result, Exception? error)
    {
        if (Interlocked.Exchange(ref call.Ended, 1) == 1)
        {
            return;
        }

        try
        {
            var plan = call.Plan;

            // The start record has the activity's name and session; the end record only what is new.
            var record = new ProvRecord(RecordKinds.ActivityEnd, plan.EndShape)
                .Add(RecordFields.ActivityId, call.Id)
                .Add(RecordFields.EndTime, DateTimeOffset.UtcNow)
                .Add(RecordFields.Status, error is not null ? ActivityStatus.Failed : _dryRun ? ActivityStatus.DryRun : ActivityStatus.Succeeded);
            if (error is not null)
            {
                record.Add(RecordFields.ExceptionType, error.GetType().FullName).Add(RecordFields.ExceptionMessage, SecretRedactor.RedactValue(error.Message));
            }
            else if (plan.Binding is { } binding)
            {
                Generations(record, binding, call, result);
            }
            else
            {
                BlindCapture.AddEnd(record, call, result, _entities, _warn);
            }

            record.Complete();
            _writer.Write(record);
        }
        catch (Exception e)
        {
            _diagnostics.Failure($"could not record the end of activity '{call.Plan.ActivityName}'", e);
        }
    }

    private static void AddContext(ProvRecord record, MethodPlan plan, ActivityBinding binding, object?[] arguments)
    {
        var context = binding.ContextArray;
        for (var i = 0; i < context.Length; i++)
        {
            var (key, getter) = context[i];
            var field = key == "date" ? RecordFields.ObservationDate : key;
            record.Add(field, plan.Reuse.Context(i, RecordValues.Scalar(getter(arguments, null))));
        }
    }

    private RecordItems? Usages(ActivityBinding binding, ActivityCall call)
    {
        var usages = binding.UsageArray;
        if (usages.Length == 0)
        {
            return null;
        }

        var plan = call.Plan;
        var scratch = Scratch.Rent();
        var (found, ids) = (scratch.Found, scratch.Ids);
        for (var i = 0; i < usages.Length; i++)
        {
            var usage = usages[i];
            ids.Clear();
            var count = _entities.Record(usage.Getter(call.Arguments, null), usage.Entity, call, generated: false, _warn, ids, ref plan.UsageFiles[i]);
            if (count == 0 && !usage.Description.Optional)
            {
                Warn($"usage '{usage.Description.Role}' ({usage.Description.Value}) resolved to nothing", call);
            }

            foreach (var id in ids)
            {
                found.Add(new(usage.Description.Role, id));
            }
        }

        var used = plan.Reuse.Used(found, out var reused);
        scratch.Return();
        call.Used = used;
        if (!reused)
        {
            foreach (var (role, id) in used.Roles)
            {
                used.Items.Add(Pair(RecordFields.UsedId, id, RecordFields.UsedRole, role));
            }

            plan.Reuse.Remember(used);
        }

        return used.Items;
    }

    private void Generations(ProvRecord record, ActivityBinding binding, ActivityCall call, object? result)
    {
        var generations = binding.GenerationArray;
        if (generations.Length == 0)
        {
            return;
        }

        var plan = call.Plan;
        var scratch = Scratch.Rent();
        var (found, ids, roles) = (scratch.Found, scratch.Ids, scratch.Roles);
        for (var i = 0; i < generations.Length; i++)
        {
            var generation = generations[i];
            ids.Clear();
            var count = _entities.Record(generation.Getter(call.Arguments, result), generation.Entity, call, generated: !_dryRun, _warn, ids, ref plan.GenerationFiles[i]);
            if (count == 0 && !generation.Description.Optional)
            {
                Warn($"generation '{generation.Description.Role}' ({generation.Description.Value}) resolved to nothing", call);
            }

            foreach (var id in ids)
            {
                found.Add(new(generation.Description.Role, id));
                roles.Add(generation);
            }
        }

        if (plan.Reuse.Generated(found, call.Used) is { } last)
        {
            scratch.Return();
            record.Add(RecordFields.Generated, last.Items).Add(RecordFields.Derivations, last.Derivations);
            return;
        }

        var generated = new GeneratedSet([.. found], call.Used);
        var derivedFrom = roles.Select(r => r.Description.DerivedFrom).ToArray();
        scratch.Return();
        for (var i = 0; i < generated.Roles.Length; i++)
        {
            var (role, id) = generated.Roles[i];
            generated.Items.Add(Pair(RecordFields.GeneratedId, id, RecordFields.GeneratedRole, role));
            if (derivedFrom[i].Count == 0 || call.Used is null)
            {
                continue;
            }

            foreach (var (usedRole, usedId) in call.Used.Roles)
            {
                if (derivedFrom[i].Contains(usedRole))
                {
                    (generated.Derivations ??= new RecordItems(2)).Add(Pair(RecordFields.GeneratedId, id, RecordFields.ProgenitorId, usedId));
                }
            }
        }

        plan.Reuse.Remember(generated);
        record.Add(RecordFields.Generated, generated.Items).Add(RecordFields.Derivations, generated.Derivations);
    }

    // Items of used, generated and derivations. A real Dictionary: Serilog's general provider turns only
    // Dictionary and ReadOnlyDictionary into JSON objects (any other map becomes a list of pairs).
    private static Dictionary<string, object?> Pair(string firstKey, object? first, string secondKey, object? second)
        => new(2, StringComparer.Ordinal) { [firstKey] = first, [secondKey] = second };

    private void Warn(string message, ActivityCall call)
    {
        _writer.Write(new ProvRecord(RecordKinds.Warning, 5)
            .Add(RecordFields.Message, SecretRedactor.RedactValue(message))
            .Add(RecordFields.ActivityId, call.Id)
            .Add(RecordFields.Name, call.Plan.ActivityName)
            .Add(RecordFields.InSession, _sessionId));
        _diagnostics.ActivityWarning(call.Plan.ActivityName, call.Id, message);
    }

    // Lists reused from call to call on one thread; rented so that an activity started while they are
    // filled (a value expression calling woven code) gets its own.
    private sealed class Scratch
    {
        public List<KeyValuePair<string, string>> Found { get; } = new(8);

        public List<string> Ids { get; } = new(4);

        public List<BoundRole> Roles { get; } = new(4);

        public static Scratch Rent()
        {
            var scratch = s_scratch ?? new Scratch();
            s_scratch = null;
            return scratch;
        }

        public void Return()
        {
            Found.Clear();
            Ids.Clear();
            Roles.Clear();
            s_scratch = this;
        }
    }
}
