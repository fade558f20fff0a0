using LstOnsite;
using Provenance.Capture.Model;

// Usage: dotnet run --project samples/LstOnsite [-- --dry-run] [--out DIR] [--subruns N] [--model FILE] [--without-provenance]
string? output = null;
string? model = null;
var dryRun = false;
var capture = true;
var subruns = 4;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--dry-run":
            dryRun = true;
            break;
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--model" when i + 1 < args.Length:
            model = args[++i];
            break;
        case "--without-provenance":
            capture = false;
            break;
        case "--subruns" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
            subruns = n;
            i++;
            break;
        case "-h" or "--help":
            Console.WriteLine("LstOnsite: runs a small LST-1 on-site night with provenance capture.");
            Console.WriteLine("  --dry-run      skip processing, capture provenance only");
            Console.WriteLine("  --out DIR      output folder (default out/lst-night, or out/lst-night-dry-run)");
            Console.WriteLine("  --subruns N    subruns per run (default 4)");
            Console.WriteLine("  --model FILE   the provenance model (default models/lst-onsite.yaml beside the program)");
            Console.WriteLine("  --without-provenance   run the night unrecorded (to compare times)");
            return 0;
        default:
            Console.Error.WriteLine($"LstOnsite: unknown argument '{args[i]}' (try --help)");
            return 2;
    }
}

output ??= dryRun ? "out/lst-night-dry-run" : "out/lst-night";
try
{
    var options = new NightOptions { OutputDirectory = output, DryRun = dryRun, SubrunsPerRun = subruns, Capture = capture };
    var result = await NightRunner.RunAsync(model is null ? options : options with { ModelPath = model });
    Console.WriteLine($"{(dryRun ? "Dry-run" : "Night")} done: {result.Activities} activities in {result.Elapsed.TotalSeconds:F1} s");
    Console.WriteLine($"  provenance log:   {result.LogPath}");
    Console.WriteLine($"  config archive:   {result.ArchiveDirectory}");
    foreach (var document in result.Documents)
    {
        Console.WriteLine($"  {document.Path}  ({document.Activities} activities, {document.Entities} entities)");
    }

    if (result.StorePath is not null)
    {
        Console.WriteLine($"  provenance store: {result.StorePath}  (ask it: provcap lineage FILE --store {result.StorePath})");
        foreach (var line in result.Lineage)
        {
            Console.WriteLine($"    {line}");
        }
    }

    if (result.GraphNote is not null)
    {
        Console.WriteLine($"  note: {result.GraphNote}");
    }

    return 0;
}
catch (Exception e) when (e is ProvenanceModelException or IOException or UnauthorizedAccessException)
{
    // A bad model or an output folder that cannot be written: the message names the file.
    Console.Error.WriteLine(e.Message);
    return 1;
}
