using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provenance.Capture.Prov.Writers;
using Provenance.Capture.Store;

namespace Provenance.Capture.Web;

/// <summary>
/// The ProvSAP-style query service: <c>/provsap?ID=…&amp;DEPTH=…&amp;DIRECTION=BACK|FORTH&amp;AGENT=…&amp;MEMBERS=…&amp;RESPONSEFORMAT=…</c>.
/// Parameter names in any case; <c>DEPTH</c> 1 and <c>DIRECTION</c> back by default; <c>MEMBERS</c> (walk
/// <c>hadMember</c>) and <c>AGENT</c> (add the agents) false by default. Parameters it does not know are ignored.
/// </summary>
internal static class ProvSap
{
    private static readonly (string Name, string ContentType, ProvFormat Format)[] Formats =
    [
        ("PROV-JSON", "application/json; charset=utf-8", ProvFormat.Json),
        ("PROV-N", "text/provenance-notation; charset=utf-8", ProvFormat.ProvN),
        ("PROV-DOT", "text/vnd.graphviz; charset=utf-8", ProvFormat.Dot),
        ("PROV-SVG", "image/svg+xml; charset=utf-8", ProvFormat.Svg),
    ];

    public static void MapProvSap(this IEndpointRouteBuilder routes)
        => routes.MapGet("/provsap", Answer)
            .WithSummary("ProvSAP-style lineage of one node or more")
            .WithDescription("ID (repeatable: file path, entity or activity id, content hash), DEPTH (0…, ALL; default 1), DIRECTION (BACK, FORTH; default BACK), AGENT and MEMBERS (TRUE, FALSE; default FALSE), RESPONSEFORMAT (PROV-JSON default, PROV-N, PROV-DOT, PROV-SVG). Names in any case.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces<Answers.ErrorAnswer>(StatusCodes.Status400BadRequest)
            .Produces<Answers.ErrorAnswer>(StatusCodes.Status404NotFound)
            .Produces<Answers.ErrorAnswer>(StatusCodes.Status415UnsupportedMediaType);

    private static IResult Answer(HttpContext context, StorePool pool, ProvenanceWebOptions options)
    {
        var parameters = LineageRequest.Parameters(context.Request);
        var formatName = LineageRequest.One(parameters, "RESPONSEFORMAT") ?? LineageRequest.One(parameters, "FORMAT") ?? "PROV-JSON";
        var format = Formats.FirstOrDefault(f => f.Name.Equals(formatName, StringComparison.OrdinalIgnoreCase) || f.ContentType.StartsWith(formatName + ";", StringComparison.OrdinalIgnoreCase));
        if (format.Name is null)
        {
            return Answers.Error(context.Request, StatusCodes.Status415UnsupportedMediaType, $"RESPONSEFORMAT '{formatName}' is not served: expected {string.Join(", ", Formats.Select(f => f.Name))}");
        }

        var (request, error) = LineageRequest.Read(parameters, options, membersByDefault: false);
        if (request is null)
        {
            return Answers.Error(context.Request, StatusCodes.Status400BadRequest, error!);
        }

        LineageResult lineage;
        using (var lease = pool.Rent())
        {
            try
            {
                lineage = lease.Store.Lineage(request.Ids, request.Options(Viewer.Of(context), options.MaxNodes, withAttributes: true));
            }
            catch (StoreException)
            {
                return Answers.NotFound(context.Request, string.Join(", ", request.Ids));
            }
        }

        if (lineage.Truncated)
        {
            context.Response.Headers["X-Provcap-Truncated"] = $"the lineage reached more than {options.MaxNodes} nodes; the nearest are given";
        }

        var document = lineage.ToDocument();
        switch (format.Format)
        {
            case ProvFormat.Json:
                using (var buffer = new MemoryStream())
                {
                    ProvJsonWriter.Write(document, buffer, indented: false);
                    return Results.Bytes(buffer.ToArray(), format.ContentType);
                }

            case ProvFormat.ProvN:
                return Results.Text(ProvNWriter.ToProvN(document), format.ContentType, Encoding.UTF8);
            case ProvFormat.Dot:
                return Results.Text(DotWriter.ToDot(document, Graphs.NodeLink), format.ContentType, Encoding.UTF8);
            default:
                try
                {
                    return Results.Text(GraphvizRenderer.RenderSvg(DotWriter.ToDot(document, Graphs.NodeLink)), format.ContentType, Encoding.UTF8);
                }
                catch (GraphvizException e)
                {
                    return Answers.Error(context.Request, StatusCodes.Status415UnsupportedMediaType, $"PROV-SVG cannot be made here: {e.Message}");
                }
        }
    }
}
