using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provenance.Capture.Store;

namespace Provenance.Capture.Web;

/// <summary>The JSON API, <c>/api/v1/…</c>: runs, nodes, lineage, find; described at <c>/openapi.json</c>.</summary>
internal static class Api
{
    public static void MapApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1").WithTags("provenance");
        api.MapGet("/runs", (HttpContext context, StorePool pool) =>
        {
            using var lease = pool.Rent();
            return Results.Json(pool.Runs(lease.Store, Viewer.Of(context).Projects));
        })
            .WithSummary("The runs of every night, newest first")
            .Produces<IReadOnlyList<RunSummary>>();

        api.MapGet("/nodes", (HttpContext context, StorePool pool, string id) =>
        {
            using var lease = pool.Rent();
            var found = lease.Store.Describe(id, Viewer.Of(context).Projects);
            return found.Count == 0 ? Answers.NotFound(context.Request, id) : Results.Json(found.Select(NodeAnswer.Of).ToList());
        })
            .WithSummary("A node whole: attributes, where it was read, relations both ways")
            .WithDescription("id: a file path, an entity, activity or agent id, or a content hash (all the files with that content: hence a list).")
            .Produces<List<NodeAnswer>>()
            .Produces<Answers.ErrorAnswer>(StatusCodes.Status404NotFound);

        api.MapGet("/lineage", (HttpContext context, StorePool pool, ProvenanceWebOptions options) =>
        {
            var (request, error) = LineageRequest.Read(LineageRequest.Parameters(context.Request), options, membersByDefault: true);
            if (request is null)
            {
                return Answers.Error(context.Request, StatusCodes.Status400BadRequest, error!);
            }

            using var lease = pool.Rent();
            try
            {
                var lineage = lease.Store.Lineage(request.Ids, request.Options(Viewer.Of(context), options.MaxNodes, withAttributes: false));
                return Results.Json(new LineageAnswer(lineage.Start, lineage.Direction == LineageDirection.Back ? "back" : "forth", lineage.Nodes, lineage.Edges, lineage.Truncated));
            }
            catch (StoreException)
            {
                return Answers.NotFound(context.Request, string.Join(", ", request.Ids));
            }
        })
            .WithSummary("The lineage of one node or more: {nodes, edges, truncated}")
            .WithDescription("id (repeatable), direction (back, forth; default back), depth (0…, all; default 1), agent and members (true, false); names in any case.")
            .Produces<LineageAnswer>()
            .Produces<Answers.ErrorAnswer>(StatusCodes.Status400BadRequest)
            .Produces<Answers.ErrorAnswer>(StatusCodes.Status404NotFound);

        api.MapGet("/find", (HttpContext context, StorePool pool, string? run, string? subrun, string? date, string? activity, string? status, string? agent, string? name, string? location, string? hash, DateTimeOffset? from, DateTimeOffset? to, int? offset, int? limit) =>
        {
            using var lease = pool.Rent();
            try
            {
                return Results.Json(lease.Store.Find(new FindQuery
                {
                    Run = run,
                    Subrun = subrun,
                    Date = date,
                    Activity = activity,
                    Status = status,
                    Agent = agent,
                    EntityName = name,
                    Location = location,
                    Hash = hash,
                    From = from,
                    To = to,
                    Offset = offset ?? 0,
                    Limit = Math.Min(limit ?? 100, 1000),
                    Projects = Viewer.Of(context).Projects,
                }));
            }
            catch (StoreException e)
            {
                return Answers.Error(context.Request, StatusCodes.Status400BadRequest, e.Message);
            }
        })
            .WithSummary("Activities, or files when name, location or hash is given, page by page")
            .Produces<FindResult>()
            .Produces<Answers.ErrorAnswer>(StatusCodes.Status400BadRequest);
    }

    /// <summary>A lineage for scripts.</summary>
    /// <param name="Start">The ids the walk started from.</param>
    /// <param name="Direction"><c>back</c> or <c>forth</c>.</param>
    /// <param name="Nodes">The nodes reached, nearest first.</param>
    /// <param name="Edges">The relations walked.</param>
    /// <param name="Truncated">True when the node cap cut the walk.</param>
    public sealed record LineageAnswer(IReadOnlyList<string> Start, string Direction, IReadOnlyList<LineageNode> Nodes, IReadOnlyList<LineageEdge> Edges, bool Truncated);

    /// <summary>A node for scripts.</summary>
    /// <param name="Id">Its PROV id.</param>
    /// <param name="Kind"><c>entity</c>, <c>activity</c> or <c>agent</c>.</param>
    /// <param name="Run">Its run.</param>
    /// <param name="Subrun">Its subrun.</param>
    /// <param name="Start">An activity's start.</param>
    /// <param name="End">An activity's end.</param>
    /// <param name="Source">The file it was read from.</param>
    /// <param name="Project">That file's project.</param>
    /// <param name="Attributes">Every PROV attribute: name to values.</param>
    /// <param name="Relations">Its relations both ways.</param>
    /// <param name="MoreRelations">True when it has more relations than given.</param>
    public sealed record NodeAnswer(string Id, string Kind, long? Run, long? Subrun, DateTimeOffset? Start, DateTimeOffset? End, string Source, string? Project, Dictionary<string, List<string>> Attributes, IReadOnlyList<NodeRelation> Relations, bool MoreRelations)
    {
        public static NodeAnswer Of(NodeDetails node)
            => new(node.Id, node.Kind, node.Run, node.Subrun, node.Element.StartTime, node.Element.EndTime, node.Source, node.Project, node.Element.Attributes.ToDictionary(a => a.Key, a => a.Value.Select(v => v.Text).ToList(), StringComparer.Ordinal), node.Relations, node.MoreRelations);
    }
}
