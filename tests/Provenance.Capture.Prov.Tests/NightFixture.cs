using LstOnsite;

namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// A real night (2 runs × 3 subruns) run with the real capture core, real and dry-run: once per test process,
/// shared by every class that asks for it, and read only (tests that change a log change a copy).
/// </summary>
/// <remarks>
/// Once per process rather than once per class: the twelve classes ran twenty-four nights per suite, and Stryker,
/// which runs a mutant's tests again and again in one long-lived test process, ran them for every mutant. The
/// nights use the capture library only (no post-processing), so a mutant of the post-processor cannot change them.
/// </remarks>
public sealed class NightFixture : IAsyncLifetime
{
    public const int SubrunsPerRun = 3;
    public static readonly int[] Runs = [1618, 1619];

    private static readonly Lazy<Task<(string Directory, NightResult Real, NightResult DryRun)>> Shared = new(RunNightsAsync);

    public string Directory { get; private set; } = null!;

    public NightResult Real { get; private set; } = null!;

    public NightResult DryRun { get; private set; } = null!;

    public async ValueTask InitializeAsync() => (Directory, Real, DryRun) = await Shared.Value;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<(string, NightResult, NightResult)> RunNightsAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("provcap-night-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind; nothing a test could report any more.
            }
        };
        var real = await NightRunner.RunAsync(new NightOptions { OutputDirectory = Path.Combine(directory, "real"), Runs = Runs, SubrunsPerRun = SubrunsPerRun, PostProcess = false });
        var dryRun = await NightRunner.RunAsync(new NightOptions { OutputDirectory = Path.Combine(directory, "dry"), Runs = Runs, SubrunsPerRun = SubrunsPerRun, DryRun = true, PostProcess = false });
        return (directory, real, dryRun);
    }
}
