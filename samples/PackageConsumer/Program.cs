using Provenance.Capture;

// Usage: PackageConsumer <output folder>. Writes prov.log there; prints the activities recorded.
var folder = Directory.CreateDirectory(args.Length > 0 ? args[0] : "out/package-consumer").FullName;
var input = Path.Combine(folder, "input.txt");
File.WriteAllText(input, "packed package works");
using (ProvenanceCapture.Start(new ProvenanceOptions
{
    ModelPath = Path.Combine(AppContext.BaseDirectory, "consumer-model.yaml"),
    LogPath = Path.Combine(folder, "prov.log"),
    DryRun = false,
}))
{
    Steps.DoubleFile(input);
}

Console.WriteLine($"wrote {Path.Combine(folder, "prov.log")}");

internal static class Steps
{
    [Activity("double_file")]
    public static string DoubleFile(string input)
    {
        var output = input + ".doubled";
        File.WriteAllText(output, File.ReadAllText(input) + File.ReadAllText(input));
        return output;
    }
}
