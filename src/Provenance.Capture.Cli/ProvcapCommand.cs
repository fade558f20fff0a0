using System.CommandLine;
using Provenance.Capture.Model;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Readers;
using Provenance.Capture.Prov.Validation;
using Provenance.Capture.Prov.Writers;
using static Provenance.Capture.Cli.CommandParts;

namespace Provenance.Capture.Cli;

/// <summary>The <c>provcap</c> command line: a thin shell over the Provenance.Capture.Prov and .Store libraries.</summary>
public static class ProvcapCommand
{
    /// <summary>Success.</summary>
    public const int Ok = CommandParts.Ok;

    /// <summary>A user mistake or unusable input; nothing written.</summary>
    public const int Failed = CommandParts.Failed;

    /// <summary>Written, but lines were skipped or the document has problems.</summary>
    public const int Skipped = CommandParts.Skipped;

    /// <summary>Written, but the filters selected no activity of the logs read: the document is empty.</summary>
    public const int NothingSelected = CommandParts.NothingSelected;

    /// <summary>Runs the command line.</summary>
    /// <param name="args">Arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("provcap: merge Provenance.Capture (and LST on-site __PROV__) logs into W3C PROV documents and graphs; keep them in a provenance store and ask it for lineage.")
        {
            MergeCommand(output, error),
            GraphCommand(output, error),
            ValidateCommand(output, error),
            StoreCommands.Ingest(output, error),
            StoreCommands.Lineage(output, error),
            StoreCommands.Find(output, error),
            StoreCommands.Stats(output, error),
            ServeCommands.Serve(output, error),
            ServeCommands.Token(output, error),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line per mistake and where to look, not the whole help text.
            foreach (var problem in parse.Errors.Select(e => e.Message).Distinct())
            {
                error.WriteLine($"provcap: {problem}");
            }

            var verb = parse.CommandResult.Command;
            error.WriteLine($"provcap: see 'provcap {(ReferenceEquals(verb, root) ? string.Empty : verb.Name + " ")}--help'");
            return Failed;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static Command MergeCommand(TextWriter output, TextWriter error)
    {
        var logs = new Argument<string[]>("logs") { Description = "Log files or patterns (logs/*.log, logs/**/*.log.gz); CLEF and LST __PROV__ lines.", Arity = ArgumentArity.OneOrMore };
        RejectUnknownOptions(logs, "merge");
        var granularity = new Option<Granularity>("--granularity", "-g") { Description = "subrun (as captured), run (one activity per name and run, subrun files as collections) or night.", DefaultValueFactory = _ => Granularity.Subrun, CustomParser = r => ParseChoice<Granularity>(r, "granularity") };
        var runs = new Option<string[]>("--run") { Description = "Keep only these runs (01618 and 1618 are the same).", AllowMultipleArgumentsPerToken = true };
        var subruns = new Option<string[]>("--subrun") { Description = "Keep only these subruns.", AllowMultipleArgumentsPerToken = true };
        var tags = new Option<string[]>("--session-tag") { Description = "Keep only sessions with these tags.", AllowMultipleArgumentsPerToken = true };
        var activities = new Option<string[]>("--activity") { Description = "Keep only these activity names.", AllowMultipleArgumentsPerToken = true };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Keep activities starting at or after this time (ISO 8601).", CustomParser = ParseTime };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Keep activities starting before this time (ISO 8601).", CustomParser = ParseTime };
        var members = new Option<bool>("--members") { Description = "At run/night granularity, also link collections to each member file (hadMember)." };
        var model = new Option<string?>("--model") { Description = "Provenance model YAML whose entity 'collection:' keys drive run-level collections (default: what capture recorded)." };
        var format = new Option<ProvFormat?>("--format", "-f") { Description = "json, provn, dot, svg or pdf (default: from the output file's extension).", CustomParser = r => ParseChoice<ProvFormat>(r, "format") };
        var compact = new Option<bool>("--compact") { Description = "PROV-JSON without indentation: about a fifth smaller (nights at subrun granularity)." };
        var outputPath = new Option<string>("--output", "-o") { Description = "The document to write.", Required = true };
        var threads = new Option<int>("--threads") { Description = $"Threads that decode the logs (default: {LogReader.DefaultThreads}, one per processor up to four; 1: read on one thread). The document is the same.", DefaultValueFactory = _ => LogReader.DefaultThreads, CustomParser = ParseThreads };
        var command = new Command("merge", "Merge logs into one PROV document at the chosen granularity.")
        {
            logs, granularity, runs, subruns, tags, activities, from, to, members, model, format, compact, outputPath, threads,
        };
        command.SetAction(result =>
        {
            var options = new MergeOptions
            {
                Granularity = result.GetValue(granularity),
                From = result.GetValue(from),
                To = result.GetValue(to),
                IncludeMembers = result.GetValue(members),
                ReadThreads = result.GetValue(threads),
            };
            AddAll(options.Runs, result.GetValue(runs));
            AddAll(options.Subruns, result.GetValue(subruns));
            AddAll(options.SessionTags, result.GetValue(tags));
            AddAll(options.Activities, result.GetValue(activities));
            var target = result.GetValue(outputPath)!;
            return Guard(error, () =>
            {
                if (result.GetValue(model) is { } modelPath)
                {
                    options.Model = ProvenanceModel.Load(modelPath);
                }

                var files = LogReader.Expand(result.GetValue(logs)!);
                foreach (var file in files)
                {
                    switch (InputKinds.Of(file))
                    {
                        case InputKind.ProvJson:
                            throw new InvalidDataException($"'{file}' is a PROV-JSON document, not a log: draw it with 'provcap graph {file} -o graph.svg', check it with 'provcap validate {file}'");
                        case InputKind.CtapipeProvenance:
                            throw new InvalidDataException($"'{file}' is a ctapipe provenance file, not a log: add it to a store with 'provcap ingest {file}' and ask 'provcap lineage'");
                    }
                }

                var interactive = !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error);
                var merged = ProvenanceMerger.Merge(files, options, interactive ? count => error.Write($"\rprovcap: {count:N0} records read…") : null);
                if (interactive)
                {
                    error.Write("\r" + new string(' ', 48) + "\r");
                }

                var written = ProvOutput.Write(merged.Graph, target, result.GetValue(format), result.GetValue(compact));
                foreach (var problem in merged.Problems.Take(50))
                {
                    error.WriteLine($"provcap: skipped {problem}");
                }

                if (merged.SkippedLines > 50)
                {
                    error.WriteLine($"provcap: … and {merged.SkippedLines - 50} more skipped lines");
                }

                if (merged.UnstartedActivities > 0)
                {
                    error.WriteLine($"provcap: warning: {merged.UnstartedRecords:N0} records of {merged.UnstartedActivities:N0} activities whose start is in none of the logs given were left out (a log cut before the start, or the log holding it not given)");
                }

                output.WriteLine($"{target}: {written.Activities} activities, {written.Entities} entities, {written.Agents} agents, {written.Relations} relations from {merged.RecordsRead:N0} records in {files.Count} file(s)"
                    + (merged.IncompleteActivities > 0 ? $"; {merged.IncompleteActivities} incomplete activities" : string.Empty)
                    + (merged.UnstartedActivities > 0 ? $"; {merged.UnstartedActivities} activities without a start left out" : string.Empty)
                    + (merged.SkippedLines > 0 ? $"; {merged.SkippedLines} lines skipped" : string.Empty));
                if (written.Activities == 0 && Filters(result.Tokens.Select(t => t.Value)) is { Length: > 0 } filters && merged.RecordsRead > 0)
                {
                    error.WriteLine($"provcap: warning: {filters} selected no activity of the {merged.RecordsRead:N0} records read; the document is empty");
                    return NothingSelected;
                }

                return merged.SkippedLines > 0 || merged.UnstartedActivities > 0 ? Skipped : Ok;
            });
        });
        return command;
    }

    private static Command GraphCommand(TextWriter output, TextWriter error)
    {
        var input = new Argument<string>("document") { Description = "A PROV-JSON document (e.g. from provcap merge)." };
        RejectUnknownOptions(input, "graph");
        var outputPath = new Option<string>("--output", "-o") { Description = "The graph: .svg, .pdf (Graphviz) or .dot.", Required = true };
        var command = new Command("graph", "Draw a PROV-JSON document (entities yellow ellipses, activities blue boxes, agents orange houses).") { input, outputPath };
        command.SetAction(result => Guard(error, () =>
        {
            var source = result.GetValue(input)!;
            if (!File.Exists(source))
            {
                throw new FileNotFoundException($"document '{source}' does not exist", source);
            }

            NotALog(source);
            var target = result.GetValue(outputPath)!;
            ProvOutput.Write(ProvJsonReader.Read(source), target);
            output.WriteLine($"{target}: written");
            return Ok;
        }));
        return command;
    }

    private static Command ValidateCommand(TextWriter output, TextWriter error)
    {
        var documents = new Argument<string[]>("documents") { Description = "PROV-JSON documents.", Arity = ArgumentArity.OneOrMore };
        RejectUnknownOptions(documents, "validate");
        var strict = new Option<bool>("--strict") { Description = "Also fail on this product's own rules: every id and prefix declared, one generation per entity, no end before the start (warnings otherwise)." };
        var command = new Command("validate", "Check PROV-JSON against the W3C PROV-JSON schema (errors) and this product's rules (warnings; errors with --strict).") { documents, strict };
        command.SetAction(result => Guard(error, () =>
        {
            var invalid = 0;
            foreach (var document in result.GetValue(documents)!)
            {
                if (!File.Exists(document))
                {
                    throw new FileNotFoundException($"document '{document}' does not exist", document);
                }

                NotALog(document);
                var problems = ProvValidator.ValidateFile(document, result.GetValue(strict));
                foreach (var problem in problems)
                {
                    (problem.Severity == ValidationSeverity.Note ? output : error).WriteLine($"{document}: {problem}");
                }

                if (!ProvValidator.IsValid(problems))
                {
                    invalid++;
                    continue;
                }

                var warnings = problems.Count(p => p.Severity == ValidationSeverity.Warning);
                output.WriteLine($"{document}: valid PROV-JSON" + (warnings > 0 ? $" ({warnings} warning(s); --strict makes them errors)" : string.Empty));
            }

            return invalid == 0 ? Ok : Skipped;
        }));
        return command;
    }

    private static void AddAll(ISet<string> set, string[]? values)
    {
        foreach (var value in values ?? [])
        {
            set.Add(value);
        }
    }

    private static readonly string[] FilterOptions = ["--run", "--subrun", "--session-tag", "--activity", "--from", "--to"];

    // The filters as given, for the "selected nothing" warning: "--run 09999 --activity calibrate".
    private static string Filters(IEnumerable<string> tokens)
    {
        var given = new List<string>();
        string? option = null;
        foreach (var token in tokens)
        {
            if (token.StartsWith('-'))
            {
                option = FilterOptions.Contains(token) ? token : null;
                if (option is not null)
                {
                    given.Add(option);
                }
            }
            else if (option is not null)
            {
                given.Add(token);
            }
        }

        return string.Join(' ', given);
    }

    private static void NotALog(string document)
    {
        if (InputKinds.Of(document) == InputKind.ProvenanceLog)
        {
            throw new InvalidDataException($"'{document}' is a provenance log, not a PROV-JSON document: merge it first ('provcap merge {document} -o run.prov.json'; 'provcap merge {document} -o run.svg' draws it at once)");
        }
    }
}
