using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provenance.Capture.Records;
using Provenance.Capture.Tests.Pipeline;

namespace Provenance.Capture.Tests;

/// <summary>Starting a capture: one at a time, and a start that is refused leaves nothing behind.</summary>
public sealed class CaptureLifecycleTests : IDisposable
{
    private readonly CaptureFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void A_second_capture_is_refused_while_one_runs_leaving_no_file_open_and_the_first_recording()
    {
        var data = _fixture.File("data.txt", "x");
        var otherLog = Path.Combine(_fixture.Directory, "other.log");
        using var first = _fixture.Start();
        var (queues, logs) = LinuxCalls.Supported ? (KernelView.InotifyQueues(), KernelView.Descriptors(otherLog)) : ([], []);

        var refused = Should.Throw<InvalidOperationException>(() => ProvenanceCapture.Start(_fixture.Options(o => o.LogPath = otherLog)));

        refused.Message.ShouldBe($"A provenance capture (session {first.SessionId}) is already running; dispose it first.");
        ProvenanceCapture.Current.ShouldBeSameAs(first);
        if (LinuxCalls.Supported)
        {
            KernelView.InotifyQueues().ShouldBe(queues, ignoreOrder: true, "the refused capture's file watch is closed");
            KernelView.Descriptors(otherLog).ShouldBe(logs, "the refused capture's own log file is closed");
        }

        File.ReadAllText(otherLog).ShouldBeEmpty("the refused capture wrote no session record");
        TestPipeline.Inspect(data, new CalibrationSettings(1, data));
        first.Dispose();
        if (LinuxCalls.Supported)
        {
            KernelView.Descriptors(_fixture.LogPath).ShouldBeEmpty("stopping the capture closes the log it opened");
        }

        _fixture.Records(RecordKinds.ActivityStart).ShouldHaveSingleItem().Str("in_session").ShouldBe(first.SessionId);
        _fixture.Records(RecordKinds.Session).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_capture_needs_a_logger_factory_or_a_log_path()
    {
        var error = Should.Throw<InvalidOperationException>(() => ProvenanceCapture.Start(_fixture.Options(o => o.LogPath = null)));
        error.Message.ShouldBe("ProvenanceCapture.Start needs a logger factory or ProvenanceOptions.LogPath.");
        ProvenanceCapture.Current.ShouldBeNull();
    }

    [Fact]
    public void Disposing_the_service_provider_closes_the_log_that_AddProvenanceFile_opened()
    {
        Assert.SkipUnless(LinuxCalls.Supported, "the descriptor table is read from /proc");
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvenanceFile(_fixture.LogPath));
        using (var provider = services.BuildServiceProvider())
        {
            var factory = provider.GetRequiredService<ILoggerFactory>();
            factory.CreateLogger(RecordSchema.Category).ShouldNotBeNull();
            KernelView.Descriptors(_fixture.LogPath).Count.ShouldBe(1);
        }

        KernelView.Descriptors(_fixture.LogPath).ShouldBeEmpty();
    }
}
