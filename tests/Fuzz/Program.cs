using Provenance.Capture.Fuzz;
using SharpFuzz;

// provenance-fuzz <target>                 run under afl-fuzz (tests/Fuzz/fuzz.sh does it)
// provenance-fuzz <target> --replay DIR    run every file of DIR once, in process (to reproduce findings)
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Provenance.Capture.Fuzz <{string.Join('|', FuzzTargets.All.Keys)}> [--replay DIR]");
    return 2;
}

if (args.Length == 3 && args[1] == "--replay")
{
    // Each finding once more, in process: what it throws, grouped by exception and the frame that threw.
    var findings = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
    foreach (var file in Directory.GetFiles(args[2]).Where(f => !f.EndsWith("README.txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
    {
        try
        {
            target(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            var frame = string.Join("\n    ", (e.StackTrace ?? "?").Split('\n').Take(Environment.GetEnvironmentVariable("FUZZ_FRAMES") is { } n ? int.Parse(n) : 1).Select(f => f.Trim()));
            var key = $"{e.GetType().FullName}: {e.Message}\n    {frame}";
            if (!findings.TryGetValue(key, out var files))
            {
                findings[key] = files = [];
            }

            files.Add(Path.GetFileName(file));
        }
    }

    foreach (var (finding, files) in findings)
    {
        Console.WriteLine($"{files.Count} input(s), e.g. {files[0]}:\n  {finding}");
    }

    return findings.Count == 0 ? 0 : 1;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    target(memory.ToArray());
});
return 0;
