using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Provenance.Capture.Entities;
using Provenance.Capture.Hosting;
using Provenance.Capture.Model;
using Provenance.Capture.Records;
using Provenance.Capture.Session;

namespace Provenance.Capture.Runtime;

/// <summary>
/// The running provenance capture of a process: the model bound to the code, the session, and the
/// record writer the woven methods report to. Start one at start-up, dispose it at exit.
/// </summary>
/// <example>
/// <code>
/// using var capture = ProvenanceCapture.Start(new ProvenanceOptions { ModelPath = "models/lst-onsite.yaml", LogPath = "prov.log" });
/// </code>
/// </example>
public sealed class ProvenanceCapture : IDisposable
{
    private static readonly object s_startLock = new();
    private static ProvenanceCapture? s_current;

    private readonly ConcurrentDictionary<MethodBase, MethodPlan> _plans = new();
    private readonly RecordWriter _writer;
    private readonly ILogger _diagnosticsLogger;
    private readonly EntityRecorder _entities;
    private readonly EntityCache _files;
    private readonly Action<string, ActivityCall> _warn;
    private readonly ILoggerFactory? _ownedLoggerFactory;
    private readonly List<ModelDiagnostic> _diagnostics = [];
    [ThreadStatic]
    private static Scratch? s_scratch;
    private int _disposed;
    private long _activityCounter;

    private ProvenanceCapture(ProvenanceOptions options, ProvenanceModel model, ILoggerFactory loggerFactory, bool ownsFactory)
    {
        Options = options;
        Model = model;
        DryRun = options.DryRun;
        _ownedLoggerFactory = ownsFactory ? loggerFactory : null;
        _writer = new RecordWriter(loggerFactory.CreateLogger(RecordSchema.Category));
        _diagnosticsLogger = loggerFactory.CreateLogger("Provenance.Capture.Diagnostics");
        SessionId = Guid.CreateVersion7().ToString();
        SessionTag = options.SessionTag ?? options.SessionName ?? Assembly.GetEntryAssembly()?.GetName().Name ?? "session";
        var archiveRoot = options.ArchiveDirectory
            ?? Path.Combine(options.LogPath is null ? Environment.CurrentDirectory : Path.GetDirectoryName(Path.GetFullPath(options.LogPath))!, "prov-archive");
        Archive = new ContentArchive(archiveRoot);
        _files = new EntityCache(Archive, options.InputCheckInterval, options.WatchFiles ? FileWatch.TryCreate() : null);
        _entities = new EntityRecorder(_files, _writer, SessionId, DryRun);
        _warn = Warn;
        Woven = new WovenMethods(PlanFor, message =>
        {
            _diagnosticsLogger.LogWarning("{Diagnostic}", message);
            SelfLog.Write(message);
        });
    }

    /// <summary>Where woven calls find their method's plan.</summary>
    internal WovenMethods Woven { get; }

    /// <summary>The capture woven methods report to, or null when none is running.</summary>
    public static ProvenanceCapture? Current => Volatile.Read(ref s_current);

    /// <summary>The options it runs with.</summary>
    public ProvenanceOptions Options { get; }

    /// <summary>The loaded model.</summary>
    public ProvenanceModel Model { get; }

    /// <summary>The session id written on every record.</summary>
    public string SessionId { get; }

    /// <summary>The session tag.</summary>
    public string SessionTag { get; }

    /// <summary>Whether bodies are skipped (dry-run).</summary>
    public bool DryRun { get; }

    /// <summary>The archive for entities marked <c>copy</c>.</summary>
    public ContentArchive Archive { get; }

    /// <summary>How many times capture read a file's size and time (the rest were trusted).</summary>
    internal long FileChecks => _files.Checks;

    /// <summary>Warnings found at start-up (e.g. activities the model does not describe).</summary>
    public IReadOnlyList<ModelDiagnostic> Diagnostics => _diagnostics;

    /// <summary>
    /// Loads the model, binds it to every <see cref="ActivityAttribute"/> method, writes the session
    /// record and makes this the capture woven methods report to.
    /// </summary>
    /// <param name="options">Options; validated here.</param>
    /// <param name="loggerFactory">Where records go (category <c>Provenance</c>). When null, a Serilog CLEF file logger on <see cref="ProvenanceOptions.LogPath"/> is created and owned.</param>
    /// <returns>The running capture; dispose it to stop.</returns>
    /// <exception cref="ProvenanceModelException">The model is bad or does not fit the code; every problem is listed with file and line.</exception>
    /// <exception cref="InvalidOperationException">Another capture is running, or no logger factory and no LogPath were given.</exception>
    public static ProvenanceCapture Start(ProvenanceOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var model = options.Model ?? ProvenanceModel.Load(options.ModelPath!);
        var ownsFactory = loggerFactory is null;
        if (loggerFactory is null)
        {
            if (options.LogPath is null)
            {
                throw new InvalidOperationException("ProvenanceCapture.Start needs a logger factory or ProvenanceOptions.LogPath.");
            }

            loggerFactory = ProvenanceLogging.CreateFileLoggerFactory(options.LogPath);
        }

        var capture = new ProvenanceCapture(options, model, loggerFactory, ownsFactory);
        try
        {
            capture.BindAll();
            lock (s_startLock)
            {
                if (s_current is not null)
                {
                    throw new InvalidOperationException($"A provenance capture (session {s_current.SessionId}) is already running; dispose it first.");
                }

                capture._writer.Write(SessionInfo.Capture(capture.SessionId, capture.SessionTag, options, model.Source));
                Volatile.Write(ref s_current, capture);
            }
        }
        catch
        {
            capture._files.Dispose();
            capture._ownedLoggerFactory?.Dispose();
            throw;
        }

        return capture;
    }

    /// <summary>Stops capturing and flushes the log (when this capture owns it).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Interlocked.CompareExchange(ref s_current, null, this);
        _files.Dispose();
        _ownedLoggerFactory?.Dispose();
    }

    private void BindAll()
    {
        var errors = new List<ModelDiagnostic>();
        foreach (var assembly in AssembliesToBind())
        {
            foreach (var method in ActivityMethods(assembly))
            {
                var attribute = method.GetCustomAttribute<ActivityAttribute>()!;
                _plans[method] = Plan(method, attribute, errors);
            }
        }

        var fatal = errors.Where(e => e.Severity == DiagnosticSeverity.Error).ToList();
        _diagnostics.AddRange(errors.Where(e => e.Severity == DiagnosticSeverity.Warning));
        foreach (var warning in _diagnostics)
        {
            _diagnosticsLogger.LogWarning("{Diagnostic}", warning.ToString());
            SelfLog.Write(warning.ToString());
        }

        if (fatal.Count > 0)
        {
            throw new ProvenanceModelException(fatal);
        }
    }

    private MethodPlan Plan(MethodBase method, ActivityAttribute attribute, List<ModelDiagnostic> diagnostics)
    {
        var name = attribute.Name ?? method.Name;
        MethodPlan plan;
        if (Model.Activities.TryGetValue(name, out var activity))
        {
            var binding = ActivityBinding.Bind(Model, activity, method, diagnostics);
            plan = binding is null ? MethodPlan.Ignored : new MethodPlan(name, CaptureMode.Modelled, binding, method);
        }
        else
        {
            var where = $"{method.DeclaringType?.FullName}.{method.Name}";
            switch (Options.UnmodelledActivities)
            {
                case UnmodelledActivityHandling.CaptureBlind:
                    plan = new MethodPlan(name, CaptureMode.Blind, null, method);
                    break;
                case UnmodelledActivityHandling.Error:
                    diagnostics.Add(new ModelDiagnostic(DiagnosticIds.UnmodelledActivity, DiagnosticSeverity.Error, Model.Source, 0, name, where, $"method {where} is an activity the model does not describe; add '{name}' under 'activities'"));
                    return MethodPlan.Ignored;
                default:
                    diagnostics.Add(new ModelDiagnostic(DiagnosticIds.UnmodelledActivity, DiagnosticSeverity.Warning, Model.Source, 0, name, where, $"method {where} is an activity the model does not describe; its calls are not recorded (add '{name}' under 'activities', or set UnmodelledActivities = CaptureBlind)"));
                    return MethodPlan.Ignored;
            }
        }

        if (plan.Mode != CaptureMode.Ignored)
        {
            plan.DryRunFactory = Options.DryRunResults.Find(name, plan.ResultType);
        }

        return plan;
    }

    private IEnumerable<Assembly> AssembliesToBind()
    {
        if (Options.Assemblies.Count > 0)
        {
            return Options.Assemblies.Distinct();
        }

        var self = typeof(ProvenanceCapture).Assembly.GetName().Name;
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

    private static bool References(Assembly assembly, string? name)
        => assembly.GetReferencedAssemblies().Any(r => r.Name == name);

    private static IEnumerable<MethodInfo> ActivityMethods(Assembly assembly)
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

        return types.Where(type => type is not null).SelectMany(type => WovenMethods.ActivityMethodsOf(type!));
    }

    internal MethodPlan PlanFor(MethodBase method)
    {
        if (_plans.TryGetValue(method, out var plan))
        {
            return plan;
        }

        return PlanLate(method);
    }

    private MethodPlan PlanLate(MethodBase method)
    {
        // Methods of assemblies loaded after start-up (woven calls name methods as declared: never a
        // constructed generic). Bound once here.
        var attribute = method.GetCustomAttribute<ActivityAttribute>() ?? new ActivityAttribute();
        var diagnostics = new List<ModelDiagnostic>();
        var plan = Plan(method, attribute, diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            _diagnosticsLogger.LogWarning("{Diagnostic}", diagnostic.ToString());
            SelfLog.Write(diagnostic.ToString());
        }

        return _plans.GetOrAdd(method, plan);
    }

    internal ActivityCall? Begin(MethodPlan plan, object?[] arguments)
    {
        try
        {
            var call = new ActivityCall(plan, arguments, NextActivityId());
            var now = DateTimeOffset.UtcNow;
            var record = new ProvRecord(RecordKinds.ActivityStart, plan.StartShape)
                .Add(RecordFields.ActivityId, call.Id)
                .Add(RecordFields.Name, plan.ActivityName)
                .Add(RecordFields.StartTime, now)
                .Add(RecordFields.InSession, SessionId)
                .Add(RecordFields.AgentName, plan.AgentName)
                .Add(RecordFields.Script, plan.Script)
                .Add(RecordFields.ParentActivityId, ActivityContext.Current?.Id)
                .Add(RecordFields.DryRun, DryRun ? true : null)
                .Add(RecordFields.Blind, plan.Mode == CaptureMode.Blind ? true : null);
            if (plan.Binding is { } binding)
            {
                AddContext(record, plan, binding, arguments);
                AddParameters(record, plan, binding, arguments);
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
            Report($"could not record the start of activity '{plan.ActivityName}'", e);
            return null;
        }
    }

    internal void End(ActivityCall call, object? result, Exception? error)
    {
        if (Interlocked.Exchange(ref call.Ended, 1) == 1)
        {
            return;
        }

        try
        {
            var plan = call.Plan;
            var now = DateTimeOffset.UtcNow;
            // The start record has the activity's name and session; the end record only what is new.
            var record = new ProvRecord(RecordKinds.ActivityEnd, plan.EndShape)
                .Add(RecordFields.ActivityId, call.Id)
                .Add(RecordFields.EndTime, now)
                .Add(RecordFields.Status, error is not null ? ActivityStatus.Failed : DryRun ? ActivityStatus.DryRun : ActivityStatus.Succeeded);
            if (error is not null)
            {
                record.Add(RecordFields.ExceptionType, error.GetType().FullName).Add(RecordFields.ExceptionMessage, error.Message);
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
            Report($"could not record the end of activity '{call.Plan.ActivityName}'", e);
        }
    }

    // Unique across processes because the session id is (a GUIDv7), and far cheaper than a GUID per call.
    private string NextActivityId()
    {
        var number = Interlocked.Increment(ref _activityCounter);
        var digits = Math.Max(6, (64 - (int)ulong.LeadingZeroCount((ulong)number) + 3) / 4);
        return string.Create(SessionId.Length + 1 + digits, (SessionId, number), static (span, state) =>
        {
            state.SessionId.CopyTo(span);
            span[state.SessionId.Length] = '-';

            // Lower-case hex, zero-padded to the width above (what "x6" gives, without its general formatting path).
            var value = (ulong)state.number;
            for (var i = span.Length - 1; i > state.SessionId.Length; i--, value >>= 4)
            {
                span[i] = "0123456789abcdef"[(int)(value & 0xF)];
            }
        });
    }

    private static void AddContext(ProvRecord record, MethodPlan plan, ActivityBinding binding, object?[] arguments)
    {
        var context = binding.ContextArray;
        for (var i = 0; i < context.Length; i++)
        {
            var (key, getter) = context[i];
            var field = key == "date" ? RecordFields.ObservationDate : key;
            record.Add(field, Same(ref plan.LastContext[i], RecordValues.Scalar(getter(arguments, null))));
        }
    }

    private static void AddParameters(ProvRecord record, MethodPlan plan, ActivityBinding binding, object?[] arguments)
    {
        var parameters = binding.ParameterArray;
        if (parameters.Length == 0)
        {
            return;
        }

        // Values equal to the last call's: its map again (and what a logger provider made of it).
        // Otherwise a new map, holding the last call's value objects wherever they are equal.
        var last = plan.LastParameters;
        object?[]? values = null;
        for (var i = 0; i < parameters.Length; i++)
        {
            var value = RecordValues.Scalar(parameters[i].Getter(arguments, null));
            var equal = last is not null && Identical(last.Values[i], value);
            if (values is null)
            {
                if (equal)
                {
                    continue;
                }

                values = new object?[parameters.Length];
                if (last is not null)
                {
                    Array.Copy(last.Values, values, i);
                }
            }

            values[i] = equal ? last!.Values[i] : value;
        }

        if (values is null)
        {
            record.Add(RecordFields.Parameters, last!.Map);
            return;
        }

        var map = new Dictionary<string, object?>(parameters.Length, StringComparer.Ordinal);
        for (var i = 0; i < parameters.Length; i++)
        {
            map[parameters[i].Description.Name] = values[i];
        }

        plan.LastParameters = new ParameterSet(values, map);
        record.Add(RecordFields.Parameters, map);
    }

    // The last call's value when equal to this one's: a logger provider that keeps what it made of a
    // value by reference (the Serilog one does) finds it again.
    private static object? Same(ref object? last, object? value)
    {
        var known = last;
        if (Identical(known, value))
        {
            return known;
        }

        last = value;
        return value;
    }

    // Equal and written the same: 0.0 and -0.0, or 1.0m and 1.00m, are equal but print differently.
    private static bool Identical(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.GetType() != b.GetType())
        {
            return false;
        }

        return a switch
        {
            double x => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits((double)b),
            float x => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits((float)b),
            decimal x => SameDecimal(x, (decimal)b),
            _ => a.Equals(b),
        };
    }

    private static bool SameDecimal(decimal x, decimal y)
    {
        Span<int> left = stackalloc int[4], right = stackalloc int[4];
        decimal.GetBits(x, left);
        decimal.GetBits(y, right);
        return left.SequenceEqual(right);
    }

    private RecordItems? Usages(ActivityBinding binding, ActivityCall call)
    {
        var usages = binding.UsageArray;
        if (usages.Length == 0)
        {
            return null;
        }

        var scratch = Scratch.Rent();
        var (found, ids) = (scratch.Found, scratch.Ids);
        for (var i = 0; i < usages.Length; i++)
        {
            var usage = usages[i];
            ids.Clear();
            var count = _entities.Record(usage.Getter(call.Arguments, null), usage.Entity, call, generated: false, _warn, ids, ref binding.UsageFiles[i]);
            if (count == 0 && !usage.Description.Optional)
            {
                Warn($"usage '{usage.Description.Role}' ({usage.Description.Value}) resolved to nothing", call);
            }

            foreach (var id in ids)
            {
                found.Add(new(usage.Description.Role, id));
            }
        }

        // The same entities as the last call of this method (cached inputs): the same items, made once.
        var plan = call.Plan;
        var last = plan.LastUsed;
        var same = last is not null && SameEntities(last.Roles, found);
        var used = same ? last! : new UsedSet([.. found]);
        scratch.Return();
        call.Used = used;
        if (same)
        {
            return used.Items;
        }

        foreach (var (role, id) in used.Roles)
        {
            used.Items.Add(Pair(RecordFields.UsedId, id, RecordFields.UsedRole, role));
        }

        plan.LastUsed = used;
        return used.Items;
    }

    private void Generations(ProvRecord record, ActivityBinding binding, ActivityCall call, object? result)
    {
        var generations = binding.GenerationArray;
        if (generations.Length == 0)
        {
            return;
        }

        var scratch = Scratch.Rent();
        var (found, ids, roles) = (scratch.Found, scratch.Ids, scratch.Roles);
        for (var i = 0; i < generations.Length; i++)
        {
            var generation = generations[i];
            ids.Clear();
            var count = _entities.Record(generation.Getter(call.Arguments, result), generation.Entity, call, generated: !DryRun, _warn, ids, ref binding.GenerationFiles[i]);
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

        // Derivations depend on what was used too: reused only with the very same used set.
        var plan = call.Plan;
        if (plan.LastGenerated is { } last && ReferenceEquals(last.From, call.Used) && SameEntities(last.Roles, found))
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

        plan.LastGenerated = generated;
        record.Add(RecordFields.Generated, generated.Items).Add(RecordFields.Derivations, generated.Derivations);
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

    private static bool SameEntities(KeyValuePair<string, string>[] known, List<KeyValuePair<string, string>> found)
    {
        if (known.Length != found.Count)
        {
            return false;
        }

        for (var i = 0; i < known.Length; i++)
        {
            if (!ReferenceEquals(known[i].Key, found[i].Key) || !string.Equals(known[i].Value, found[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Items of used, generated and derivations. A real Dictionary: Serilog's general provider turns only
    // Dictionary and ReadOnlyDictionary into JSON objects (any other map becomes a list of pairs).
    private static Dictionary<string, object?> Pair(string firstKey, object? first, string secondKey, object? second)
        => new(2, StringComparer.Ordinal) { [firstKey] = first, [secondKey] = second };

    private void Warn(string message, ActivityCall call)
    {
        _writer.Write(new ProvRecord(RecordKinds.Warning, 5)
            .Add(RecordFields.Message, message)
            .Add(RecordFields.ActivityId, call.Id)
            .Add(RecordFields.Name, call.Plan.ActivityName)
            .Add(RecordFields.InSession, SessionId));
        _diagnosticsLogger.LogWarning("Activity {Activity} ({ActivityId}): {Message}", call.Plan.ActivityName, call.Id, message);
        SelfLog.Write($"activity '{call.Plan.ActivityName}' ({call.Id}): {message}");
    }

    private void Report(string what, Exception e)
    {
        try
        {
            _diagnosticsLogger.LogError(e, "Provenance capture {What}", what);
        }
        catch (Exception)
        {
            // Reporting must not break the pipeline either.
        }

        SelfLog.Write($"{what}: {e}");
    }
}
