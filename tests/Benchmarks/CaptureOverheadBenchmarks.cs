// Last runs (2026-11-24, 2-core VM, .NET 10, BenchmarkDotNet 0.15.8; ShortRun: median and range of three runs, the VM is noisy;
// MediumRun: one run, mean ± error):
// | Capture           | WovenCall ShortRun      | MediumRun          | allocated |
// | Disabled          |   38 ns (36–41)         |   45 ± 7 ns        |   192 B   |
// | NoOpLogger        | 1.19 us (1.18–1.29)     | 1.30 ± 0.11 us     |   776 B   |  (records built, dropped by the ILogger: no Serilog)
// | NoOpSink          | 1.81 us (1.60–2.16)     | 1.87 ± 0.15 us     |  1944 B   |
// | ClefFile          | 9.07 us (8.74–9.54)     | 8.04 ± 0.51 us     |  2488 B   |  (log cut back every 65,536 calls)
// | ClefFileGrowing   | 9.74 us (8.44–11.0)     | 13.2 ± 0.7 us      |  2488 B   |  (log left to grow: kernel writeback competes)
// | ClefFileUnwatched | 14.7 us (13.8–15.8)     | 16.1 ± 0.9 us      |  3440 B   |  (WatchFiles = false: size and time checked per use)
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using Provenance.Capture;
using Provenance.Capture.Clef;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Benchmarks;

public sealed record StepInputs(string R0, string Pedestal, string Config);

public sealed record StepOutputs(string Dl1, string Muons);

/// <summary>
/// Per-call cost of a woven activity with 3 used and 2 generated file entities whose hashes are
/// cached, against the same plain method. Results: see the README's "Performance" table.
/// </summary>
[MemoryDiagnoser]
public class CaptureOverheadBenchmarks
{
    public enum Mode
    {
        Disabled,
        NoOpLogger,
        NoOpSink,
        ClefFile,
        ClefFileGrowing,
        ClefFileUnwatched,

        // Each call names other files (a pool of 1,000 subruns' inputs and outputs), as a night's calls do.
        ClefFileNewArguments,

        // Each call names other files and rewrites its two outputs (4 KB each) before it returns, as a real
        // step does: the outputs' hashes are made again every call. PlainCall writes them too.
        ClefFileRewrites,
    }

    private const int Pool = 1000;
    private (StepInputs Inputs, StepOutputs Outputs)[] _pool = [];
    private int _call;
    private static bool s_rewrite;

    // The file rows write about 1.3 KB a call, 100,000 calls a second: left to grow, the log reaches
    // gigabytes within a run, and once the kernel's dirty pages pass their threshold (2.4 GB on the
    // benchmark VM) its writeback threads flush them to disk on the same two cores. A pipeline's log grows
    // by megabytes a job, so the log is cut back to empty every 65,536 calls (about 85 MB; the cut is
    // inside the measured time). ClefFileGrowing never cuts it, to show the difference.
    private const int CutEvery = 1 << 16;
    private string? _logPath;
    private int _sinceCut;

    private string _directory = null!;
    private StepInputs _inputs = null!;
    private StepOutputs _outputs = null!;
    private ProvenanceCapture? _capture;
    private ILoggerFactory? _factory;

    [Params(Mode.Disabled, Mode.NoOpLogger, Mode.NoOpSink, Mode.ClefFile, Mode.ClefFileGrowing, Mode.ClefFileUnwatched, Mode.ClefFileNewArguments, Mode.ClefFileRewrites)]
    public Mode Capture { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("provcap-bench-").FullName;
        string Write(string name)
        {
            var path = Path.Combine(_directory, name);
            File.WriteAllText(path, name + new string('x', 4096));
            return path;
        }

        _inputs = new StepInputs(Write("r0.fits.fz"), Write("pedestal.h5"), Write("config.json"));
        _outputs = new StepOutputs(Write("dl1.h5"), Write("muons.fits"));
        if (Capture is Mode.ClefFileNewArguments or Mode.ClefFileRewrites)
        {
            _pool = [.. Enumerable.Range(0, Pool).Select(i => (
                new StepInputs(Write($"r0-{i:D4}.fits.fz"), _inputs.Pedestal, _inputs.Config),
                new StepOutputs(Write($"dl1-{i:D4}.h5"), Write($"muons-{i:D4}.fits"))))];
        }

        s_rewrite = Capture is Mode.ClefFileRewrites;
        var options = new ProvenanceOptions
        {
            ModelPath = Path.Combine(AppContext.BaseDirectory, "bench-model.yaml"),
            ArchiveDirectory = Path.Combine(_directory, "archive"),
            DryRun = false,
        };
        options.Assemblies.Add(typeof(CaptureOverheadBenchmarks).Assembly);
        if (Capture is Mode.ClefFileUnwatched)
        {
            // Files checked (size and time) on every use, as on a network file system.
            options.WatchFiles = false;
        }

        switch (Capture)
        {
            case Mode.NoOpLogger:
                // Records are built and handed to an ILogger that drops them: capture's own cost, no Serilog.
                _factory = LoggerFactory.Create(b => b.AddProvider(new DroppingProvider()));
                _capture = ProvenanceCapture.Start(options, _factory);
                break;
            case Mode.NoOpSink:
                // The same provider AddProvenanceFile uses, with a Serilog sink that drops every event.
                var logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(new NoOpSink()).CreateLogger();
                _factory = LoggerFactory.Create(b => b.AddProvider(new ClefRecordLoggerProvider(logger)));
                _capture = ProvenanceCapture.Start(options, _factory);
                break;
            case Mode.ClefFile or Mode.ClefFileGrowing or Mode.ClefFileUnwatched or Mode.ClefFileNewArguments or Mode.ClefFileRewrites:
                options.LogPath = Path.Combine(_directory, "prov.log");
                _logPath = Capture is Mode.ClefFileGrowing ? null : options.LogPath;
                _capture = ProvenanceCapture.Start(options);
                break;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _capture?.Dispose();
        _factory?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public int PlainCall()
    {
        var (inputs, outputs, subrun) = Next();
        return PlainStep(inputs, outputs, 1618, subrun);
    }

    // The same files every call, or the next subrun's of the pool.
    private (StepInputs Inputs, StepOutputs Outputs, int Subrun) Next()
    {
        if (_pool.Length == 0)
        {
            return (_inputs, _outputs, 7);
        }

        var subrun = _call++ % Pool;
        return (_pool[subrun].Inputs, _pool[subrun].Outputs, subrun);
    }

    [Benchmark]
    public int WovenCall()
    {
        if (_logPath is not null && ++_sinceCut == CutEvery)
        {
            CutLog();
        }

        var (inputs, outputs, subrun) = Next();
        return WovenStep(inputs, outputs, 1618, subrun);
    }

    // The capture's descriptor appends at the end, wherever that is: it goes on at the start of the emptied file.
    private void CutLog()
    {
        _sinceCut = 0;
        new FileStream(_logPath!, FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite).Dispose();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int PlainStep(StepInputs inputs, StepOutputs outputs, int run, int subrun) => Work(inputs, outputs, run, subrun);

    [Activity("bench_step")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int WovenStep(StepInputs inputs, StepOutputs outputs, int run, int subrun) => Work(inputs, outputs, run, subrun);

    private static readonly byte[] Payload = new byte[4096];
    private static long s_written;

    private static int Work(StepInputs inputs, StepOutputs outputs, int run, int subrun)
    {
        if (s_rewrite)
        {
            // New content every call: the capture must hash the outputs again.
            BitConverter.TryWriteBytes(Payload, ++s_written);
            File.WriteAllBytes(outputs.Dl1, Payload);
            File.WriteAllBytes(outputs.Muons, Payload);
        }

        return run + subrun + inputs.R0.Length + outputs.Dl1.Length;
    }

    private sealed class DroppingProvider : ILoggerProvider, Microsoft.Extensions.Logging.ILogger
    {
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class NoOpSink : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
        }
    }
}
