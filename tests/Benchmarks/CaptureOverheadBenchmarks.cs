// Last runs (2026-11-23, 2-core VM, .NET 10, BenchmarkDotNet 0.15.8 ShortRun; median and range of six runs, the VM is noisy):
// | Capture           | WovenCall mean          | allocated |
// | Disabled          |  88 ns (76–105)         |   344 B   |
// | NoOpLogger        | 1.84 us (1.63–2.53)     |   1.5 KB  |  (records built, dropped by the ILogger: no Serilog)
// | NoOpSink          | 3.27 us (2.71–3.73)     |   3.2 KB  |
// | ClefFile          | 10.3 us (9.9–15.2)      |   3.7 KB  |
// | ClefFileUnwatched | 15.6 us (14.7–19.8)     |   4.7 KB  |  (WatchFiles = false: size and time checked per use)
// One MediumRun (before the epoll change): NoOpLogger 2.13 us, NoOpSink 3.09 us, ClefFile 13.06 ± 0.95 us, ClefFileUnwatched 21.8 us.
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using Provenance.Capture;
using Provenance.Capture.Hosting;
using Provenance.Capture.Runtime;
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
        ClefFileUnwatched,
    }

    private string _directory = null!;
    private StepInputs _inputs = null!;
    private StepOutputs _outputs = null!;
    private ProvenanceCapture? _capture;
    private ILoggerFactory? _factory;

    [Params(Mode.Disabled, Mode.NoOpLogger, Mode.NoOpSink, Mode.ClefFile, Mode.ClefFileUnwatched)]
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
            case Mode.ClefFile or Mode.ClefFileUnwatched:
                options.LogPath = Path.Combine(_directory, "prov.log");
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
    public int PlainCall() => PlainStep(_inputs, _outputs, 1618, 7);

    [Benchmark]
    public int WovenCall() => WovenStep(_inputs, _outputs, 1618, 7);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int PlainStep(StepInputs inputs, StepOutputs outputs, int run, int subrun) => run + subrun + inputs.R0.Length + outputs.Dl1.Length;

    [Activity("bench_step")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int WovenStep(StepInputs inputs, StepOutputs outputs, int run, int subrun) => run + subrun + inputs.R0.Length + outputs.Dl1.Length;

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
