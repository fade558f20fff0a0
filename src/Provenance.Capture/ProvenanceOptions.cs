using System.Reflection;
using Provenance.Capture.Model;

namespace Provenance.Capture;

/// <summary>Settings of provenance capture. The defaults suit most pipelines; see <see cref="Validate"/>.</summary>
public sealed class ProvenanceOptions
{
    /// <summary>Environment variable that switches dry-run on (<c>1</c>, <c>true</c> or <c>yes</c>).</summary>
    public const string DryRunVariable = "PROVENANCE_DRY_RUN";

    /// <summary>The YAML provenance model file. Either this or <see cref="Model"/> is required.</summary>
    public string? ModelPath { get; set; }

    /// <summary>An already loaded model (wins over <see cref="ModelPath"/>).</summary>
    public ProvenanceModel? Model { get; set; }

    /// <summary>
    /// Dry-run: woven methods skip their bodies while all records are still written, outputs resolved
    /// from the model. Defaults to the <see cref="DryRunVariable"/> environment variable.
    /// </summary>
    public bool DryRun { get; set; } = IsDryRunRequested(Environment.GetEnvironmentVariable(DryRunVariable));

    /// <summary>What to do with activities the model does not describe. Default: warn once.</summary>
    public UnmodelledActivityHandling UnmodelledActivities { get; set; } = UnmodelledActivityHandling.Warn;

    /// <summary>
    /// Where to write the CLEF log when <see cref="ProvenanceCapture.Start(ProvenanceOptions, Microsoft.Extensions.Logging.ILoggerFactory?)"/>
    /// gets no logger factory. Shared between processes, each record handed to the OS as written.
    /// </summary>
    public string? LogPath { get; set; }

    /// <summary>The content-addressed archive for entities marked <c>copy</c>. Default: <c>prov-archive</c> beside <see cref="LogPath"/>, else in the working directory.</summary>
    public string? ArchiveDirectory { get; set; }

    /// <summary>A tag grouping the sessions of one campaign (e.g. a night's sequencer run). Default: the session name.</summary>
    public string? SessionTag { get; set; }

    /// <summary>A human name for the session. Default: the entry assembly's name.</summary>
    public string? SessionName { get; set; }

    /// <summary>The pipeline software version. Default: the entry assembly's informational version.</summary>
    public string? SoftwareVersion { get; set; }

    /// <summary>Observation date of the data processed (e.g. <c>2020-11-20</c>), if known for the whole session.</summary>
    public string? ObservationDate { get; set; }

    /// <summary>
    /// Environment variables recorded in the session (a trailing <c>*</c> matches a prefix). Values of
    /// names containing TOKEN, SECRET, PASSWORD, KEY or CREDENTIAL are redacted, as is user info in URLs.
    /// </summary>
    public IList<string> CapturedEnvironmentVariables { get; } =
        ["PATH", "HOME", "USER", "HOSTNAME", "LANG", "DOTNET_*", "CTA*", "LST*", "SLURM_*", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "PROVENANCE_*"];

    /// <summary>
    /// Assemblies whose <see cref="ActivityAttribute"/> methods are bound to the model at start-up.
    /// Default: the entry assembly and every loaded assembly that references Provenance.Capture.
    /// </summary>
    public IList<Assembly> Assemblies { get; } = [];

    /// <summary>
    /// Watch the files capture has identified (Linux inotify, local file systems), so that a file nothing
    /// has touched since it was hashed is not looked at again: each activity call reads the queue of
    /// change events once instead of checking every file. A change made by any process on this machine
    /// before the call is seen, even one that keeps size and modification time. Default true. Elsewhere
    /// (other systems, network or cluster file systems, the watch limit reached) each use checks the
    /// file's size and modification time.
    /// </summary>
    public bool WatchFiles { get; set; } = true;

    /// <summary>
    /// How long an unwatched input file (see <see cref="WatchFiles"/>), once checked (size and modification
    /// time), is trusted without looking at it again. Default zero: every use checks the file, so a changed
    /// input is never recorded with a stale hash. On network file systems where a check is slow and inputs
    /// do not change during a run, a second or so removes that cost from hot loops. Outputs are always checked.
    /// </summary>
    public TimeSpan InputCheckInterval { get; set; }

    /// <summary>How dry-run builds return values (see <see cref="DryRunResults"/>).</summary>
    public DryRunResults DryRunResults { get; } = new();

    /// <summary>Checks the options; called by <see cref="ProvenanceCapture.Start(ProvenanceOptions, Microsoft.Extensions.Logging.ILoggerFactory?)"/>.</summary>
    /// <exception cref="ArgumentException">No model is given, or a path is empty.</exception>
    public void Validate()
    {
        if (Model is null && string.IsNullOrWhiteSpace(ModelPath))
        {
            throw new ArgumentException("ProvenanceOptions needs a model: set ModelPath (a YAML file) or Model.", nameof(ModelPath));
        }

        if (LogPath is not null && string.IsNullOrWhiteSpace(LogPath))
        {
            throw new ArgumentException("ProvenanceOptions.LogPath is empty.", nameof(LogPath));
        }
    }

    internal static bool IsDryRunRequested(string? value)
        => value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase));
}
