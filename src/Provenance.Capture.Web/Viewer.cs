using Microsoft.AspNetCore.Http;

namespace Provenance.Capture.Web;

/// <summary>Who asks: the projects their token may see (null: every project), set by the access check of each request.</summary>
internal sealed record Viewer(IReadOnlyCollection<string>? Projects, bool SignedIn)
{
    private static readonly object Key = new();

    public static Viewer Of(HttpContext context) => context.Items[Key] as Viewer ?? throw new InvalidOperationException("the access check did not run");

    public void Attach(HttpContext context) => context.Items[Key] = this;
}
