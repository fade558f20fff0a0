namespace Provenance.Capture.Tests;

/// <summary>Tests that redirect the process-wide <see cref="SelfLog"/> run one at a time, apart from the rest.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SelfLogCollection
{
    public const string Name = "SelfLog";
}
