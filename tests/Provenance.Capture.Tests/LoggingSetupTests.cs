using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Provenance.Capture.Clef;
using Provenance.Capture.Hosting;

namespace Provenance.Capture.Tests;

/// <summary>The set-up of the logging side: the CLEF file logger, the record providers, the DI and logging extensions.</summary>
public sealed class LoggingSetupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("provcap-logging-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_file_logger_makes_the_folder_of_its_log_and_writes_only_records_whose_kind_is_a_text()
    {
        var path = Path.Combine(_folder, "not", "there", "yet.log");
        using (var logger = ClefLogging.CreateFileLogger(path))
        {
            logger.Information("PROV {prov_kind}", "session");
            logger.Information("PROV {prov_kind}", 3);
            logger.Information("no kind at all {x}", "y");
            logger.ForContext("SourceContext", "Other").Information("PROV {prov_kind}", "entity");
            logger.ForContext("SourceContext", "Provenance").Information("PROV {prov_kind}", "activity_start");
        }

        var lines = File.ReadAllLines(path);
        lines.Length.ShouldBe(2);
        lines[0].ShouldContain("\"prov_kind\":\"session\"");
        lines[1].ShouldContain("\"prov_kind\":\"activity_start\"");
    }

    [Fact]
    public void The_file_logger_refuses_a_blank_path_and_the_record_filter_a_missing_event()
    {
        Should.Throw<ArgumentException>(() => ClefLogging.CreateFileLogger("  "));
        Should.Throw<ArgumentNullException>(() => ClefLogging.IsProvRecord(null!));
    }

    [Fact]
    public void The_record_providers_give_other_categories_a_logger_that_writes_nothing()
    {
        using var serilog = ClefLogging.CreateFileLogger(Path.Combine(_folder, "categories.log"));
        using var clef = new ClefRecordLoggerProvider(serilog, dispose: false);
        clef.CreateLogger("Other").ShouldBeSameAs(NullLogger.Instance);
        clef.CreateLogger("Provenance").ShouldNotBeSameAs(NullLogger.Instance);
        var records = clef.CreateLogger("Provenance");
        records.IsEnabled(LogLevel.Debug).ShouldBeFalse("records are written at Information");
        records.IsEnabled(LogLevel.Information).ShouldBeTrue();
        records.IsEnabled(LogLevel.Warning).ShouldBeTrue();
        using var memory = new InMemoryRecordProvider();
        memory.CreateLogger("Other").ShouldBeSameAs(NullLogger.Instance);
        memory.CreateLogger("Provenance").ShouldNotBeSameAs(NullLogger.Instance);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public void A_record_provider_disposes_its_Serilog_logger_only_when_it_owns_it(bool dispose, int lines)
    {
        var path = Path.Combine(_folder, $"owned-{dispose}.log");
        var serilog = ClefLogging.CreateFileLogger(path);
        serilog.Information("PROV {prov_kind}", "session");
        new ClefRecordLoggerProvider(serilog, dispose).Dispose();
        serilog.Information("PROV {prov_kind}", "entity");
        serilog.Dispose();
        File.ReadAllLines(path).Length.ShouldBe(lines);
    }

    [Fact]
    public void The_extensions_refuse_missing_arguments_and_the_options_are_checked_when_read()
    {
        Should.Throw<ArgumentNullException>(() => ProvenanceLogging.AddProvenanceFile(null!, Path.Combine(_folder, "x.log")));
        Should.Throw<ArgumentNullException>(() => ProvenanceServiceCollectionExtensions.AddProvenanceCapture(null!, _ => { }));
        Should.Throw<ArgumentNullException>(() => new ServiceCollection().AddProvenanceCapture(null!));

        using var provider = new ServiceCollection().AddLogging().AddProvenanceCapture(options => options.LogPath = " ").BuildServiceProvider();
        Should.Throw<ArgumentException>(() => provider.GetRequiredService<IOptions<ProvenanceOptions>>().Value).Message.ShouldContain("ModelPath");
    }
}
