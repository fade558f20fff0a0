using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Provenance.Capture.Prov.Writers;
using Provenance.Capture.Store;
using static Provenance.Capture.Cli.CommandParts;

namespace Provenance.Capture.Cli;

/// <summary>The store verbs of <c>provcap</c>: ingest, lineage, find, stats — each a thin shell over <see cref="ProvenanceStore"/>.</summary>
internal static class StoreCommands
{
    private enum LineageFormat
    {
        Table,
        Json,
        ProvJson,
        ProvN,
        Dot,
        Svg,
    }

    private static Option<string?> StoreOption() => new("--store")
    {
        Description = "The store: a SQLite file, or a PostgreSQL connection string (default: $PROVCAP_STORE, else provenance.db here).",
    };

    public static Command Ingest(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("files") { Description = "Logs (CLEF or LST __PROV__, plain or gzip; patterns such as logs/*.log) and PROV-JSON documents.", Arity = ArgumentArity.OneOrMore };
        RejectUnknownOptions(files, "ingest");
        var store = StoreOption();
        var label = new Option<string?>("--label") { Description = "A site or project label recorded with each file (e.g. 'LST-1 La Palma')." };
        var project = new Option<string?>("--project") { Description = "The project (proposal) the files belong to: a web view with tokens shows them only to that project's tokens." };
        var command = new Command("ingest", "Add logs and PROV-JSON documents to the provenance store (a file ingested before adds nothing).") { files, store, label, project };
        command.SetAction(result => Guard(error, () =>
        {
            using var opened = ProvenanceStore.Open(result.GetValue(store));
            var results = opened.Ingest(result.GetValue(files)!, new IngestOptions { Label = result.GetValue(label), Project = result.GetValue(project) });
            if (results.Count == 0)
            {
                throw new FileNotFoundException("no file matches the names given");
            }

            var code = Ok;
            foreach (var file in results)
            {
                foreach (var problem in file.Problems.Take(20))
                {
                    error.WriteLine($"provcap: skipped {problem}");
                }

                switch (file.Outcome)
                {
                    case IngestOutcome.Failed:
                        error.WriteLine(file.Error!.Contains(file.Path, StringComparison.Ordinal) ? $"provcap: {file.Error}; not ingested" : $"provcap: {file.Path}: {file.Error}; not ingested");
                        code = Failed;
                        break;
                    case IngestOutcome.AlreadyIngested:
                        output.WriteLine($"{file.Path}: already in the store");
                        break;
                    case IngestOutcome.Empty:
                        output.WriteLine($"{file.Path}: empty");
                        break;
                    default:
                        if (file.UnstartedActivities > 0)
                        {
                            error.WriteLine($"provcap: warning: {file.Path}: {file.UnstartedActivities:N0} activities whose start is not in this log were left out (a log cut before the start, or a call whose records went to two logs)");
                        }

                        output.WriteLine($"{file.Path}: {file.Written:N0} elements and relations ({file.Format})"
                            + (file.UnstartedActivities > 0 ? $"; {file.UnstartedActivities} activities without a start left out" : string.Empty)
                            + (file.SkippedLines > 0 ? $"; {file.SkippedLines} lines skipped" : string.Empty));
                        code = code == Ok && (file.SkippedLines > 0 || file.UnstartedActivities > 0) ? Skipped : code;
                        break;
                }
            }

            output.WriteLine($"store {opened.Location}: {results.Count(f => f.Outcome == IngestOutcome.Added)} of {results.Count} file(s) added");
            return code;
        }));
        return command;
    }

    public static Command Lineage(TextWriter output, TextWriter error)
    {
        var node = new Argument<string>("node") { Description = "A file path, an entity or activity id, or a content hash." };
        RejectUnknownOptions(node, "lineage");
        var store = StoreOption();
        var direction = new Option<LineageDirection>("--direction") { Description = "back (what it came from) or forth (what came of it: what to reprocess).", DefaultValueFactory = _ => LineageDirection.Back, CustomParser = r => ParseChoice<LineageDirection>(r, "direction") };
        var depth = new Option<int?>("--depth") { Description = "Steps to walk: a number, or 'all' (default).", CustomParser = ParseDepth };
        var format = new Option<LineageFormat>("--format", "-f") { Description = "table (default), json, provjson, provn, dot or svg.", DefaultValueFactory = _ => LineageFormat.Table, CustomParser = r => ParseChoice<LineageFormat>(r, "format") };
        var entitiesOnly = new Option<bool>("--entities-only") { Description = "List the files only, grouped by run (a reprocessing list)." };
        var maxNodes = new Option<int>("--max-nodes") { Description = "Stop after this many nodes and say so (default 100000).", DefaultValueFactory = _ => 100_000 };
        var outputPath = new Option<string?>("--output", "-o") { Description = "Write here instead of standard output (needed for svg)." };
        var command = new Command("lineage", "Walk the provenance of a file or activity back or forth through the store.") { node, store, direction, depth, format, entitiesOnly, maxNodes, outputPath };
        command.SetAction(result => Guard(error, () =>
        {
            using var opened = ProvenanceStore.Open(result.GetValue(store));
            var chosen = result.GetValue(format);

            // A table or JSON lists names, paths and runs: the PROV attributes are read only for a PROV document.
            var options = new LineageOptions
            {
                Direction = result.GetValue(direction),
                Depth = result.GetValue(depth),
                MaxNodes = result.GetValue(maxNodes),
                WithAttributes = chosen is not (LineageFormat.Table or LineageFormat.Json),
            };
            var lineage = opened.Lineage(result.GetValue(node)!, options);
            var target = result.GetValue(outputPath);
            if (chosen is LineageFormat.ProvJson or LineageFormat.ProvN or LineageFormat.Dot or LineageFormat.Svg)
            {
                var provFormat = chosen switch
                {
                    LineageFormat.ProvJson => ProvFormat.Json,
                    LineageFormat.ProvN => ProvFormat.ProvN,
                    LineageFormat.Dot => ProvFormat.Dot,
                    _ => ProvFormat.Svg,
                };
                if (target is null && provFormat == ProvFormat.Svg)
                {
                    throw new ArgumentException("svg needs a file: give --output lineage.svg");
                }

                var path = target ?? Path.Combine(Path.GetTempPath(), $"provcap-lineage-{Environment.ProcessId}.out");
                ProvOutput.Write(lineage.ToDocument(), path, provFormat);
                if (target is null)
                {
                    output.Write(File.ReadAllText(path));
                    File.Delete(path);
                }
                else
                {
                    output.WriteLine($"{target}: {lineage.Nodes.Count} nodes, {lineage.Edges.Count} relations");
                }
            }
            else
            {
                using var writer = target is null ? null : new StreamWriter(target);
                var sink = writer ?? output;
                if (chosen == LineageFormat.Json)
                {
                    WriteLineageJson(sink, lineage, result.GetValue(entitiesOnly));
                }
                else
                {
                    WriteLineageTable(sink, lineage, result.GetValue(entitiesOnly));
                }
            }

            if (lineage.Truncated)
            {
                error.WriteLine($"provcap: warning: stopped at {options.MaxNodes} nodes (--max-nodes): the lineage goes further");
                return Skipped;
            }

            return Ok;
        }));
        return command;
    }

    public static Command Find(TextWriter output, TextWriter error)
    {
        var store = StoreOption();
        var run = new Option<string?>("--run") { Description = "Run number (01618 and 1618 are the same)." };
        var subrun = new Option<string?>("--subrun") { Description = "Subrun number." };
        var date = new Option<string?>("--date") { Description = "Observation date as recorded." };
        var activity = new Option<string?>("--activity") { Description = "Activity name." };
        var status = new Option<string?>("--status") { Description = "succeeded, failed, dry_run or incomplete." };
        var agent = new Option<string?>("--agent") { Description = "Name of the agent responsible." };
        var entity = new Option<string?>("--entity") { Description = "Entity model name (finds files)." };
        var location = new Option<string?>("--location") { Description = "File path, * matching any text (finds files)." };
        var hash = new Option<string?>("--hash") { Description = "Content hash (finds files)." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Activities starting at or after this time (ISO 8601).", CustomParser = ParseTime };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Activities starting before this time (ISO 8601).", CustomParser = ParseTime };
        var offset = new Option<int>("--offset") { Description = "Matches to pass over (paging)." };
        var limit = new Option<int>("--limit") { Description = "Matches to show (default 100).", DefaultValueFactory = _ => 100 };
        var command = new Command("find", "Find activities (or files, with --entity, --location or --hash) in the provenance store.")
        {
            store, run, subrun, date, activity, status, agent, entity, location, hash, from, to, offset, limit,
        };
        command.SetAction(result => Guard(error, () =>
        {
            using var opened = ProvenanceStore.Open(result.GetValue(store));
            var found = opened.Find(new FindQuery
            {
                Run = result.GetValue(run),
                Subrun = result.GetValue(subrun),
                Date = result.GetValue(date),
                Activity = result.GetValue(activity),
                Status = result.GetValue(status),
                Agent = result.GetValue(agent),
                EntityName = result.GetValue(entity),
                Location = result.GetValue(location),
                Hash = result.GetValue(hash),
                From = result.GetValue(from),
                To = result.GetValue(to),
                Offset = result.GetValue(offset),
                Limit = result.GetValue(limit),
            });
            foreach (var item in found.Items)
            {
                output.WriteLine(item.Kind == "entity"
                    ? $"{item.Location}\t{item.Name}\t{item.Hash}\t{item.Id}"
                    : $"{Time(item.Start)}\t{item.Name}\trun {item.Run?.ToString(CultureInfo.InvariantCulture) ?? "-"}\tsubrun {item.Subrun?.ToString(CultureInfo.InvariantCulture) ?? "-"}\t{item.Status}\t{item.Id}");
            }

            output.WriteLine($"{found.Items.Count} of {found.Total} match(es)" + (found.Total > result.GetValue(offset) + found.Items.Count ? $"; next page: --offset {result.GetValue(offset) + found.Items.Count}" : string.Empty));
            return Ok;
        }));
        return command;
    }

    public static Command Stats(TextWriter output, TextWriter error)
    {
        var store = StoreOption();
        var command = new Command("stats", "Counts of the provenance store: per kind, per observation night, and its size.") { store };
        command.SetAction(result => Guard(error, () =>
        {
            using var opened = ProvenanceStore.Open(result.GetValue(store));
            var stats = opened.Stats();
            output.WriteLine($"store {opened.Location}: {stats.SizeInBytes / 1024.0 / 1024.0:F1} MiB");
            output.WriteLine($"  {stats.Documents} documents, {stats.Activities} activities, {stats.Entities} entities, {stats.Agents} agents, {stats.Relations} relations");
            foreach (var (night, activities) in stats.Nights)
            {
                output.WriteLine($"  night {night ?? "(none)"}: {activities} activities");
            }

            return Ok;
        }));
        return command;
    }

    private static int? ParseDepth(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "all";
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var depth) && depth > 0)
        {
            return depth;
        }

        result.AddError($"'{text}' is not a depth: expected a positive number or 'all'");
        return null;
    }

    private static string Time(DateTimeOffset? time) => time?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    private static void WriteLineageTable(TextWriter output, LineageResult lineage, bool entitiesOnly)
    {
        if (entitiesOnly)
        {
            foreach (var run in lineage.EntitiesByRun())
            {
                output.WriteLine(run.Key is { } number ? $"run {number}:" : "no run:");
                foreach (var file in run.OrderBy(f => f.Location, StringComparer.Ordinal))
                {
                    output.WriteLine($"  {file.Location ?? file.Id}");
                }
            }

            return;
        }

        output.WriteLine("depth\tkind\tname\trun\tsubrun\tstatus / location\tid");
        foreach (var node in lineage.Nodes)
        {
            output.WriteLine($"{node.Depth}\t{node.Kind}\t{node.Name ?? "-"}\t{node.Run?.ToString(CultureInfo.InvariantCulture) ?? "-"}\t{node.Subrun?.ToString(CultureInfo.InvariantCulture) ?? "-"}\t{(node.Kind == "entity" ? node.Location : node.Status) ?? "-"}\t{node.Id}");
        }

        output.WriteLine($"{lineage.Nodes.Count} nodes, {lineage.Edges.Count} relations ({lineage.Direction.ToString().ToLowerInvariant()} from {string.Join(", ", lineage.Start)})");
    }

    private static void WriteLineageJson(TextWriter output, LineageResult lineage, bool entitiesOnly)
    {
        var nodes = lineage.Nodes.Where(n => !entitiesOnly || n.Kind == "entity").Select(n => new
        {
            id = n.Id,
            kind = n.Kind,
            name = n.Name,
            location = n.Location,
            run = n.Run,
            subrun = n.Subrun,
            depth = n.Depth,
            status = n.Status,
            hash = n.Hash,
        });
        var edges = lineage.Edges.Where(_ => !entitiesOnly).Select(e => new { kind = e.Kind, subject = e.Subject, @object = e.Object, role = e.Role });
        output.WriteLine(JsonSerializer.Serialize(new { direction = lineage.Direction.ToString().ToLowerInvariant(), start = lineage.Start, truncated = lineage.Truncated, nodes, edges }, new JsonSerializerOptions { WriteIndented = true }));
    }
}
