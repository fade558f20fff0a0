using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Provenance.Capture.Binding;

namespace Provenance.Capture.Tests;

public sealed class AssemblyScanTests
{
    [Fact]
    public void A_loaded_pipeline_library_that_references_only_the_attribute_is_bound_at_start_up()
    {
        // A pipeline library with [Activity] methods and no other use of capture references the weaving
        // assembly (the attribute's) and not Provenance.Capture itself.
        var context = new AssemblyLoadContext("pipeline-library", isCollectible: true);
        var library = Compile(context, """
            namespace Night.Steps;
            public static class Calibration
            {
                // An activity of the test model, so that later captures in this process bind it without complaint.
                [Provenance.Capture.Activity("inner")]
                public static int Check(string label) => label.Length;
            }
            """);
        library.GetReferencedAssemblies().Select(r => r.Name).ShouldNotContain("Provenance.Capture");

        AssemblyScan.WithActivities().ShouldContain(library);
        AssemblyScan.ActivityMethods(library).Select(m => m.Name).ShouldBe(["Check"]);
        context.Unload();
    }

    private static Assembly Compile(AssemblyLoadContext context, string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(ActivityAttribute).Assembly.Location)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "Night.Steps." + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(source)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        emitted.Success.ShouldBeTrue(string.Join('\n', emitted.Diagnostics));
        image.Position = 0;
        return context.LoadFromStream(image);
    }
}
