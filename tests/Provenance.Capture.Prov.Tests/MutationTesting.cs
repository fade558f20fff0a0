namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// Whether the tests run under Stryker (<c>tests/mutation.sh</c> sets <c>PROVCAP_MUTATION_TESTING=1</c>). Stryker
/// gives a test no more than about 30 s (its per-test timeout is the suite's mean plus
/// <c>additional-timeout</c>), and once one test times out while its coverage is captured, Stryker 5.1.0's
/// coverage relay never answers again: every later test is marked dubious and run against every mutant.
/// Tests whose size is their point run smaller there; what they check stays the same.
/// </summary>
internal static class MutationTesting
{
    public static bool Active { get; } = Environment.GetEnvironmentVariable("PROVCAP_MUTATION_TESTING") == "1";
}
