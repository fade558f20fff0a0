namespace Provenance.Capture.Web;

/// <summary>The files the pages load, embedded in the assembly.</summary>
internal static class Assets
{
    public static string Style { get; } = Read("style.css");

    private static string Read(string name)
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"the asset {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
