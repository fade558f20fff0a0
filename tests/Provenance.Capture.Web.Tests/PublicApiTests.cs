using PublicApiGenerator;

namespace Provenance.Capture.Web.Tests;

/// <summary>The public API of the store and the web view, as reviewed: a change shows as a diff of the approved files.</summary>
public sealed class PublicApiTests
{
    private static readonly ApiGeneratorOptions Options = new() { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] };

    [Fact]
    public void Public_api_of_Provenance_Capture_Store_is_approved()
        => typeof(Store.ProvenanceStore).Assembly.GeneratePublicApi(Options).ShouldMatchApproved(c => c.SubFolder("Approved").WithFileExtension("txt").NoDiff());

    [Fact]
    public void Public_api_of_Provenance_Capture_Web_is_approved()
        => typeof(ProvenanceWeb).Assembly.GeneratePublicApi(Options).ShouldMatchApproved(c => c.SubFolder("Approved").WithFileExtension("txt").NoDiff());
}
