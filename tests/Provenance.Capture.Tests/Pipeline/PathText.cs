namespace Provenance.Capture.Tests.Pipeline;

/// <summary>A value that is neither a string nor a file object but whose text is a path (as a URI-like type of a pipeline's own).</summary>
/// <param name="Path">The path it stands for.</param>
public sealed record PathText(string Path)
{
    public override string ToString() => Path;
}
