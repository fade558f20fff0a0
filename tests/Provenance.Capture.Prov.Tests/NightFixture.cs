using LstOnsite;

namespace Provenance.Capture.Prov.Tests;

/// <summary>A real night (2 runs × 3 subruns) run once with the real capture core, real and dry-run.</summary>
public sealed class NightFixture : IAsyncLifetime
{
    public const int SubrunsPerRun = 3;
    public static readonly int[] Runs = [1618, 1619];

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("provcap-night-").FullName;

    public NightResult Real { get; private set; } = null!;

    public NightResult DryRun { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Real = await NightRunner.RunAsync(new NightOptions { OutputDirectory = Path.Combine(Directory, "real"), Runs = Runs, SubrunsPerRun = SubrunsPerRun, PostProcess = false });
        DryRun = await NightRunner.RunAsync(new NightOptions { OutputDirectory = Path.Combine(Directory, "dry"), Runs = Runs, SubrunsPerRun = SubrunsPerRun, DryRun = true, PostProcess = false });
    }

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
