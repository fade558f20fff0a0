using System.Reflection;
using Microsoft.Extensions.Logging;
using Provenance.Capture.Entities;
using Provenance.Capture.Model;
using Provenance.Capture.Records;
using Provenance.Capture.Session;
using Provenance.Capture.Weaving;

namespace Provenance.Capture.Runtime;

/// <summary>
/// What woven calls talk to while a capture runs: the plans of the bound methods, the call recorder and
/// the file cache. <see cref="ProvenanceCapture"/> builds one, activates it and owns it.
/// </summary>
internal sealed class CaptureRuntime : IDisposable
{
    private static CaptureRuntime? s_active;
    private readonly RecordWriter _writer;
    private readonly EntityCache _files;
    private readonly SessionSettings _session;

    public CaptureRuntime(ProvenanceOptions options, ProvenanceModel model, ILoggerFactory loggerFactory)
    {
        DryRun = options.DryRun;
        _writer = new RecordWriter(loggerFactory.CreateLogger(RecordSchema.Category));
        var diagnostics = new CaptureDiagnostics(loggerFactory.CreateLogger("Provenance.Capture.Diagnostics"));
        SessionId = Guid.CreateVersion7().ToString();
        var name = options.SessionName ?? Assembly.GetEntryAssembly()?.GetName().Name ?? "session";
        SessionTag = options.SessionTag ?? name;
        _session = new SessionSettings(SessionId, SessionTag, name, model.Source, ModelNotes.Of(model).ToRecordValue(), options.SoftwareVersion, options.ObservationDate, DryRun, options.CapturedEnvironmentVariables);
        var archiveRoot = options.ArchiveDirectory
            ?? Path.Combine(options.LogPath is null ? Environment.CurrentDirectory : Path.GetDirectoryName(Path.GetFullPath(options.LogPath))!, "prov-archive");
        Archive = new ContentArchive(archiveRoot);
        _files = new EntityCache(Archive, options.InputCheckInterval, options.WatchFiles ? FileWatch.TryCreate() : null);
        Recorder = new CallRecorder(_writer, new EntityRecorder(_files, _writer, SessionId, DryRun), diagnostics, SessionId, DryRun);
        Planner = new MethodPlanner(model, options.UnmodelledActivities, options.DryRunResults, diagnostics);
        Woven = new WovenMethods(Planner.PlanFor, diagnostics.Warn);
    }

    /// <summary>The runtime woven methods report to, or null when no capture runs.</summary>
    public static CaptureRuntime? Active => Volatile.Read(ref s_active);

    public string SessionId { get; }

    public string SessionTag { get; }

    public bool DryRun { get; }

    public ContentArchive Archive { get; }

    public MethodPlanner Planner { get; }

    public CallRecorder Recorder { get; }

    /// <summary>Where woven calls find their method's plan.</summary>
    public WovenMethods Woven { get; }

    public long FileChecks => _files.Checks;

    public static void Activate(CaptureRuntime runtime)
    {
        Volatile.Write(ref s_active, runtime);
        ActivityAspect.HandleWith(ActivityInterceptor.Invoke);
    }

    public static void Deactivate(CaptureRuntime runtime) => Interlocked.CompareExchange(ref s_active, null, runtime);

    /// <summary>Writes the session record: once per process, before any activity.</summary>
    public void WriteSession() => _writer.Write(SessionInfo.Capture(_session));

    public void Dispose() => _files.Dispose();
}
