using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Store;

namespace Provenance.Capture.Web;

/// <summary>The pages a browser sees: nights and runs, a run, a node, a search, a find, a lineage graph.</summary>
internal static class Pages
{
    private const int PageSize = 200;

    // The relations a lineage walks.
    private static readonly string[] Walked = ["used", "wasGeneratedBy", "wasDerivedFrom", "wasInformedBy", "hadMember"];

    public static void MapPages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", Index).ExcludeFromDescription();
        routes.MapGet("/run", Run).ExcludeFromDescription();
        routes.MapGet("/entity", (HttpContext c, StorePool p) => Node(c, p, "entity")).ExcludeFromDescription();
        routes.MapGet("/activity", (HttpContext c, StorePool p) => Node(c, p, "activity")).ExcludeFromDescription();
        routes.MapGet("/agent", (HttpContext c, StorePool p) => Node(c, p, "agent")).ExcludeFromDescription();
        routes.MapGet("/search", Search).ExcludeFromDescription();
        routes.MapGet("/find", Find).ExcludeFromDescription();
        routes.MapGet("/graph", Graph).ExcludeFromDescription();
    }

    private static IResult Index(HttpContext context, StorePool pool)
    {
        var viewer = Viewer.Of(context);
        using var lease = pool.Rent();
        var runs = pool.Runs(lease.Store, viewer.Projects);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\">{runs.Count} runs of {runs.Select(r => r.Date).Distinct().Count()} nights in {Html.Text(pool.Location)}.</p>");
        body.Append(Html.Table(
            ["Night", "Run", "Subruns", "Activities", "Failures", "From", "To"],
            runs.Select(r => (IReadOnlyList<string>)
            [
                Html.Text(r.Date),
                Html.Link($"/run?run={Html.Run(r.Run)}", Html.Run(r.Run)),
                Html.Number(r.Subruns),
                Html.Number(r.Activities),
                r.Failures > 0 ? Html.Link($"/find?run={Html.Run(r.Run)}&status=failed", Html.Number(r.Failures), "failed") : "0",
                Html.Time(r.Start),
                Html.Time(r.End),
            ]),
            "runs"));
        return Answers.Page("Nights and runs", body.ToString(), viewer);
    }

    private static IResult Run(HttpContext context, StorePool pool, string? run, int? offset)
    {
        var viewer = Viewer.Of(context);
        if (!long.TryParse(run, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return Answers.Error(context.Request, StatusCodes.Status400BadRequest, $"run '{run}' is not a run number: expected /run?run=01618");
        }

        using var lease = pool.Rent();
        var store = lease.Store;
        var summary = pool.Runs(store, viewer.Projects).FirstOrDefault(r => r.Run == number);
        if (summary is null)
        {
            return Answers.Error(context.Request, StatusCodes.Status404NotFound, $"no run {Html.Run(number)} here");
        }

        var overview = store.RunOverview(number, viewer.Projects);
        var runText = Html.Run(number);
        var page = Math.Max(0, offset ?? 0);
        var activities = store.Find(new FindQuery { Run = runText, Offset = page, Limit = PageSize, Projects = viewer.Projects });
        var files = store.Find(new FindQuery { Run = runText, Location = "*", Limit = PageSize, Projects = viewer.Projects });
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\">Night {Html.Text(summary.Date)}: {Html.Number(summary.Subruns)} subruns, {Html.Number(summary.Activities)} activities, {Html.Number(summary.Failures)} failed, {Html.Time(summary.Start)} to {Html.Time(summary.End)}.</p>");
        body.Append("<h2>Run graph</h2><p>One node per kind of activity and of file; click a node for its page (or the list of its members).</p>");
        body.Append(Graphs.Svg(overview, element => OverviewLink(element, runText))).Append(Graphs.Legend);
        body.Append("<h2>Activities</h2>").Append(FoundTable(activities.Items)).Append(More(activities, page, $"/run?run={runText}"));
        body.Append("<h2>Files used and made</h2>").Append(FoundTable(files.Items));
        if (files.Total > files.Items.Count)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>{Html.Link($"/find?run={runText}&location=*&offset={PageSize}", $"{Html.Number(files.Total - files.Items.Count)} more files")}</p>");
        }

        return Answers.Page($"Run {runText}", body.ToString(), viewer);
    }

    // A group of one links to its member; a bigger group to the list of its members.
    private static string OverviewLink(ProvElement element, string run)
    {
        if (element.Get("provcap:member") is { } member)
        {
            return Html.NodeHref(Graphs.KindName(element.Kind), member);
        }

        var name = element.Get("prov:label");
        return element.Kind == ProvElementKind.Activity ? $"/find?run={run}&activity={Html.Query(name)}" : $"/find?run={run}&name={Html.Query(name)}";
    }

    private static IResult Node(HttpContext context, StorePool pool, string kind)
    {
        var viewer = Viewer.Of(context);
        var id = context.Request.Query["id"].ToString();
        if (id.Length == 0)
        {
            return Answers.Error(context.Request, StatusCodes.Status400BadRequest, $"which {kind}? expected /{kind}?id=<file path, id or content hash>");
        }

        using var lease = pool.Rent();
        var found = lease.Store.Describe(id, viewer.Projects);
        if (found.Count == 0)
        {
            return Answers.NotFound(context.Request, id);
        }

        if (found.Count > 1)
        {
            var list = Html.Table(["Id", "Kind", "Location", "Run"], found.Select(n => (IReadOnlyList<string>)[Html.Link(Html.NodeHref(n.Kind, n.Id), n.Id), n.Kind, Html.Text(n.Element.Get("prov:location")), Html.Run(n.Run)]));
            return Answers.Page($"{found.Count} nodes named {id}", list, viewer);
        }

        var node = found[0];
        if (node.Kind != kind)
        {
            return Results.Redirect(Html.NodeHref(node.Kind, node.Id));
        }

        var body = new StringBuilder();
        body.Append(Html.Table(["", ""], Summary(node), "facts"));
        body.Append("<h2>Attributes</h2>").Append(Html.Table(
            ["Attribute", "Value", "Type"],
            node.Element.Attributes.SelectMany(a => a.Value.Select(v => (IReadOnlyList<string>)[Html.Text(a.Key), Html.Text(v.Text), Html.Text(v.Type)])),
            "attributes"));
        body.Append("<h2>Relations</h2>").Append(Relations(node));
        if (node.Kind != "agent")
        {
            // One step each way, from the node's relations: no walk (a calibration file has a night of uses).
            var ids = new[] { node.Id };
            foreach (var direction in new[] { LineageDirection.Back, LineageDirection.Forth })
            {
                var back = direction == LineageDirection.Back;
                var steps = node.Relations.Where(r => Walked.Contains(r.Kind) && (back ? r.Subject == node.Id : r.Object == node.Id)).ToList();
                var request = new LineageRequest(ids, 1, direction, false, true);
                body.Append(back ? "<h2>One step back</h2>" : "<h2>One step forth</h2>");
                body.Append(Html.Table(
                    ["Relation", "Kind", "Name", "Id", "Location"],
                    steps.Select(r => (IReadOnlyList<string>)[Html.Text(r.Kind), r.OtherKind, Html.Text(r.OtherName), Html.Link(Html.NodeHref(r.OtherKind, back ? r.Object : r.Subject), back ? r.Object : r.Subject), Html.Text(r.OtherLocation)]),
                    "steps"));
                body.Append("<p>").Append(Html.Link($"/graph?{request.Query()}", "graph")).Append(" · ")
                    .Append(Html.Link($"/graph?{request.Query(depth: null)}", "graph all the way")).Append(" · ")
                    .Append(Html.Link($"/provsap?{request.Query(depth: null)}&RESPONSEFORMAT=PROV-JSON", "PROV-JSON")).Append("</p>");
            }
        }

        var title = node.Element.Get("prov:label") is { } label ? $"{label} ({node.Kind})" : $"{node.Kind} {node.Id}";
        return Answers.Page(title, body.ToString(), viewer);
    }

    private static IEnumerable<IReadOnlyList<string>> Summary(NodeDetails node)
    {
        yield return ["Id", $"<code>{Html.Text(node.Id)}</code>"];
        yield return ["Kind", node.Kind];
        if (node.Run is { } run)
        {
            yield return ["Run", Html.Link($"/run?run={Html.Run(run)}", Html.Run(run)) + (node.Subrun is { } subrun ? $" subrun {subrun.ToString(CultureInfo.InvariantCulture)}" : string.Empty)];
        }

        if (node.Element.StartTime is { } start)
        {
            yield return ["Start", Html.Time(start)];
        }

        if (node.Element.EndTime is { } end)
        {
            yield return ["End", Html.Time(end)];
        }

        yield return ["Read from", $"<code>{Html.Text(node.Source)}</code>"];
        if (node.Project is { } project)
        {
            yield return ["Project", Html.Text(project)];
        }
    }

    private static string Relations(NodeDetails node)
    {
        var rows = node.Relations.Select(r =>
        {
            string Side(string id) => id == node.Id ? "<em>this</em>" : Html.Link(Html.NodeHref(r.OtherKind, id), r.OtherName is { } name ? $"{name} {id}" : id);
            return (IReadOnlyList<string>)[Side(r.Subject), Html.Text(r.Kind), Side(r.Object), Html.Text(r.Role)];
        });
        var table = Html.Table(["Subject", "Relation", "Object", "Role"], rows, "relations");
        return node.MoreRelations ? table + "<p>More relations than shown: the graph and the API have them all.</p>" : table;
    }

    private static IResult Search(HttpContext context, StorePool pool, string? q)
    {
        var viewer = Viewer.Of(context);
        var text = q?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return Results.Redirect("/");
        }

        using var lease = pool.Rent();
        var store = lease.Store;
        var named = store.Describe(text, viewer.Projects);
        if (named.Count == 1)
        {
            return Results.Redirect(Html.NodeHref(named[0].Kind, named[0].Id));
        }

        // Not a node's name: files whose path holds the text, files and activities of that name.
        var pattern = "*" + text.Replace("*", string.Empty, StringComparison.Ordinal) + "*";
        var items = new List<FoundItem>();
        items.AddRange(store.Find(new FindQuery { Location = pattern, Limit = PageSize, Projects = viewer.Projects }).Items);
        items.AddRange(store.Find(new FindQuery { EntityName = text, Limit = PageSize, Projects = viewer.Projects }).Items);
        items.AddRange(store.Find(new FindQuery { Activity = text, Limit = PageSize, Projects = viewer.Projects }).Items);
        var found = named.Select(n => new FoundItem(n.Id, n.Kind, n.Element.Get("prov:label"), n.Element.Get("prov:location"), n.Run, n.Subrun, null, null, null))
            .Concat(items).DistinctBy(i => i.Id).ToList();
        var body = found.Count == 0 ? $"<p>Nothing here is named '{Html.Text(text)}' or has it in its path.</p>" : FoundTable(found);
        return Answers.Page($"Search: {text}", body, viewer);
    }

    private static IResult Find(HttpContext context, StorePool pool, string? run, string? subrun, string? date, string? activity, string? status, string? name, string? location, string? hash, int? offset)
    {
        var viewer = Viewer.Of(context);
        var query = new FindQuery { Run = run, Subrun = subrun, Date = date, Activity = activity, Status = status, EntityName = name, Location = location, Hash = hash, Offset = Math.Max(0, offset ?? 0), Limit = PageSize, Projects = viewer.Projects };
        FindResult result;
        using (var lease = pool.Rent())
        {
            try
            {
                result = lease.Store.Find(query);
            }
            catch (StoreException e)
            {
                return Answers.Error(context.Request, StatusCodes.Status400BadRequest, e.Message);
            }
        }

        var asked = string.Join(", ", new[] { ("run", run), ("subrun", subrun), ("night", date), ("activity", activity), ("status", status), ("file name", name), ("path", location), ("hash", hash) }
            .Where(c => c.Item2 is not null).Select(c => $"{c.Item1} {c.Item2}"));
        var self = "/find?" + string.Join('&', context.Request.Query.Where(p => !p.Key.Equals("offset", StringComparison.OrdinalIgnoreCase)).Select(p => $"{Html.Query(p.Key)}={Html.Query(p.Value.ToString())}"));
        var body = $"<p class=\"summary\">{Html.Number(result.Total)} found.</p>" + FoundTable(result.Items) + More(result, query.Offset, self);
        return Answers.Page(asked.Length == 0 ? "Activities" : $"Found: {asked}", body, viewer);
    }

    private static IResult Graph(HttpContext context, StorePool pool, ProvenanceWebOptions options)
    {
        var viewer = Viewer.Of(context);
        var (request, error) = LineageRequest.Read(LineageRequest.Parameters(context.Request), options, membersByDefault: true);
        if (request is null)
        {
            return Answers.Error(context.Request, StatusCodes.Status400BadRequest, error!);
        }

        LineageResult lineage;
        using (var lease = pool.Rent())
        {
            try
            {
                lineage = lease.Store.Lineage(request.Ids, request.Options(viewer, options.GraphNodes, withAttributes: true));
            }
            catch (StoreException)
            {
                return Answers.NotFound(context.Request, string.Join(", ", request.Ids));
            }
        }

        var body = new StringBuilder();
        var way = request.Direction == LineageDirection.Back ? "back" : "forth";
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\">{lineage.Nodes.Count} nodes, {lineage.Edges.Count} relations, {way}, depth {(request.Depth?.ToString(CultureInfo.InvariantCulture) ?? "all")}. ");
        body.Append(Html.Link($"/graph?{request.Query(direction: request.Direction == LineageDirection.Back ? LineageDirection.Forth : LineageDirection.Back)}", request.Direction == LineageDirection.Back ? "forth instead" : "back instead")).Append(" · ");
        body.Append(Html.Link($"/graph?{request.Query(depth: (request.Depth ?? 1) + 1)}", "one step deeper")).Append(" · ");
        body.Append(Html.Link($"/graph?{request.Query(depth: null)}", "all the way")).Append(" · ");
        body.Append(Html.Link($"/graph?{(request with { Agents = !request.Agents }).Query()}", request.Agents ? "fold agents" : "show agents")).Append("</p>");
        if (lineage.Truncated)
        {
            var deepest = lineage.Nodes.Max(n => n.Depth);
            var frontier = lineage.Nodes.Where(n => n.Depth == deepest && n.Kind != "agent").Take(20).ToList();
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"truncated\">Truncated at {options.GraphNodes} nodes — go deeper from here: ");
            body.AppendJoin(", ", frontier.Select(n => Html.Link($"/graph?{request.Query(ids: [n.Id])}", n.Name ?? n.Id)));
            body.Append("</p>");
        }

        body.Append(Graphs.Svg(lineage.ToDocument(), Graphs.NodeLink)).Append(Graphs.Legend);
        body.Append("<p>As ");
        body.AppendJoin(" · ", new[] { "PROV-JSON", "PROV-N", "PROV-DOT", "PROV-SVG" }.Select(f => Html.Link($"/provsap?{request.Query()}&RESPONSEFORMAT={f}", f)));
        body.Append("</p>").Append(NodeTable(lineage.Nodes));
        return Answers.Page($"Lineage of {string.Join(", ", request.Ids)}", body.ToString(), viewer);
    }

    private static string NodeTable(IEnumerable<LineageNode> nodes)
        => Html.Table(
            ["Depth", "Kind", "Name", "Id", "Location", "Run"],
            nodes.Select(n => (IReadOnlyList<string>)[n.Depth.ToString(CultureInfo.InvariantCulture), n.Kind, Html.Text(n.Name), Html.Link(Html.NodeHref(n.Kind, n.Id), n.Id), Html.Text(n.Location), Html.Run(n.Run) + (n.Subrun is { } s ? "." + s.ToString(CultureInfo.InvariantCulture) : string.Empty)]),
            "nodes");

    private static string FoundTable(IEnumerable<FoundItem> items)
        => Html.Table(
            ["Kind", "Name", "Id", "Location", "Run", "Status", "Start"],
            items.Select(i => (IReadOnlyList<string>)[i.Kind, Html.Text(i.Name), Html.Link(Html.NodeHref(i.Kind, i.Id), i.Id), Html.Text(i.Location), Html.Run(i.Run) + (i.Subrun is { } s ? "." + s.ToString(CultureInfo.InvariantCulture) : string.Empty), Html.Text(i.Status), Html.Time(i.Start)]),
            "found");

    private static string More(FindResult result, int offset, string self)
    {
        var next = offset + result.Items.Count;
        return next < result.Total
            ? $"<p>{Html.Number(offset + 1)}–{Html.Number(next)} of {Html.Number(result.Total)}: {Html.Link($"{self}&offset={next.ToString(CultureInfo.InvariantCulture)}", "next")}</p>"
            : string.Empty;
    }
}
