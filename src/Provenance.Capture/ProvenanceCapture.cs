using Microsoft.Extensions.Logging;
using Provenance.Capture.Binding;
using Provenance.Capture.Clef;
using Provenance.Capture.Entities;
using Provenance.Capture.Model;
using Provenance.Capture.Runtime;

namespace Provenance.Capture;

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

    private readonly CaptureRuntime _runtime;
    private readonly ILoggerFactory? _ownedLoggerFactory;
    private int _disposed;

    private ProvenanceCapture(ProvenanceOptions options, ProvenanceModel model, CaptureRuntime runtime, ILoggerFactory? ownedLoggerFactory)
    {
        Options = options;
        Model = model;
        _runtime = runtime;
        _ownedLoggerFactory = ownedLoggerFactory;
    }

    /// <summary>The capture woven methods report to, or null when none is running.</summary>
    public static ProvenanceCapture? Current => Volatile.Read(ref s_current);

    /// <summary>The options it runs with.</summary>
    public ProvenanceOptions Options { get; }

    /// <summary>The loaded model.</summary>
    public ProvenanceModel Model { get; }

    /// <summary>The session id written on every record.</summary>
    public string SessionId => _runtime.SessionId;

    /// <summary>The session tag.</summary>
    public string SessionTag => _runtime.SessionTag;

    /// <summary>Whether bodies are skipped (dry-run).</summary>
    public bool DryRun => _runtime.DryRun;

    /// <summary>The archive for entities marked <c>copy</c>.</summary>
    public ContentArchive Archive => _runtime.Archive;

    /// <summary>Warnings found at start-up (e.g. activities the model does not describe).</summary>
    public IReadOnlyList<ModelDiagnostic> Diagnostics => _runtime.Planner.Warnings;

    /// <summary>How many times capture read a file's size and time (the rest were trusted).</summary>
    internal long FileChecks => _runtime.FileChecks;

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
        ILoggerFactory? owned = null;
        if (loggerFactory is null)
        {
            if (options.LogPath is null)
            {
                throw new InvalidOperationException("ProvenanceCapture.Start needs a logger factory or ProvenanceOptions.LogPath.");
            }

            loggerFactory = owned = ClefLogging.CreateFileLoggerFactory(options.LogPath);
        }

        var runtime = new CaptureRuntime(options, model, loggerFactory);
        try
        {
            runtime.Planner.BindAll(options.Assemblies.Count > 0 ? options.Assemblies.Distinct() : AssemblyScan.WithActivities());
            var capture = new ProvenanceCapture(options, model, runtime, owned);
            lock (s_startLock)
            {
                if (s_current is not null)
                {
                    throw new InvalidOperationException($"A provenance capture (session {s_current.SessionId}) is already running; dispose it first.");
                }

                runtime.WriteSession();
                Volatile.Write(ref s_current, capture);
                CaptureRuntime.Activate(runtime);
            }

            return capture;
        }
        catch
        {
            runtime.Dispose();
            owned?.Dispose();
            throw;
        }
    }

    /// <summary>Stops capturing and flushes the log (when this capture owns it).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        lock (s_startLock)
        {
            if (ReferenceEquals(s_current, this))
            {
                CaptureRuntime.Deactivate(_runtime);
                Volatile.Write(ref s_current, null);
            }
        }

        _runtime.Dispose();
        _ownedLoggerFactory?.Dispose();
    }
}
