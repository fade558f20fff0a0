using PublicApiGenerator;

namespace Provenance.Capture.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_of_Provenance_Capture_is_approved()
        => typeof(ProvenanceCapture).Assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] })
            .ShouldMatchApproved(c => c.SubFolder("Approved").WithFileExtension("txt").NoDiff());

    [Fact]
    public void Public_api_of_Provenance_Capture_Vocabulary_is_approved()
        => typeof(Model.ProvenanceModel).Assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] })
            .ShouldMatchApproved(c => c.SubFolder("Approved").WithFileExtension("txt").NoDiff());

    [Fact]
    public void Public_api_of_Provenance_Capture_Weaving_is_approved()
        => typeof(ActivityAttribute).Assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] })
            .ShouldMatchApproved(c => c.SubFolder("Approved").WithFileExtension("txt").NoDiff());
}
