using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Provenance.Capture.Store;

namespace Provenance.Capture.Web;

/// <summary>
/// A lineage question as the graph page, ProvSAP and the API ask it: <c>ID</c> (repeatable), <c>DEPTH</c>
/// (<c>0</c>…, <c>ALL</c>; default 1), <c>DIRECTION</c> (<c>BACK</c> or <c>FORTH</c>; default back), <c>AGENT</c> and
/// <c>MEMBERS</c> (<c>TRUE</c> or <c>FALSE</c>); names and values in any case.
/// </summary>
internal sealed record LineageRequest(IReadOnlyList<string> Ids, int? Depth, LineageDirection Direction, bool Agents, bool Members)
{
    /// <summary>The request's parameters by upper-case name: ProvSAP's names are case-insensitive.</summary>
    public static Dictionary<string, StringValues> Parameters(HttpRequest request)
    {
        var parameters = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Query)
        {
            parameters[name] = parameters.TryGetValue(name, out var before) ? StringValues.Concat(before, values) : values;
        }

        return parameters;
    }

    /// <summary>Reads the question; the error says which parameter is wrong and what it may be.</summary>
    public static (LineageRequest? Request, string? Error) Read(Dictionary<string, StringValues> parameters, ProvenanceWebOptions options, bool membersByDefault)
    {
        var ids = parameters.TryGetValue("ID", out var given) ? given.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList() : [];
        if (ids.Count == 0)
        {
            return (null, "ID is missing: name a node by its file path, entity or activity id, or content hash (ID=…, repeatable)");
        }

        if (ids.Count > options.MaxIds)
        {
            return (null, $"{ids.Count} ID values: at most {options.MaxIds} per request");
        }

        int? depth = 1;
        if (One(parameters, "DEPTH") is { } depthText)
        {
            if (depthText.Equals("ALL", StringComparison.OrdinalIgnoreCase))
            {
                depth = null;
            }
            else if (int.TryParse(depthText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= LineageOptions.AllDepth)
            {
                depth = number;
            }
            else
            {
                return (null, $"DEPTH '{depthText}' is not a depth: expected 0 to {LineageOptions.AllDepth}, or ALL");
            }
        }

        var direction = LineageDirection.Back;
        if (One(parameters, "DIRECTION") is { } directionText)
        {
            if (directionText.Equals("BACK", StringComparison.OrdinalIgnoreCase))
            {
                direction = LineageDirection.Back;
            }
            else if (directionText.Equals("FORTH", StringComparison.OrdinalIgnoreCase))
            {
                direction = LineageDirection.Forth;
            }
            else
            {
                return (null, $"DIRECTION '{directionText}' is not a direction: expected BACK or FORTH");
            }
        }

        var (agents, agentError) = Flag(parameters, "AGENT", false);
        var (members, membersError) = Flag(parameters, "MEMBERS", membersByDefault);
        var error = agentError ?? membersError;
        return error is not null ? (null, error) : (new LineageRequest(ids, depth, direction, agents, members), null);
    }

    /// <summary>The store's options for this question, for the viewer.</summary>
    public LineageOptions Options(Viewer viewer, int maxNodes, bool withAttributes) => new()
    {
        Direction = Direction,
        Depth = Depth,
        MaxNodes = maxNodes,
        WithAttributes = withAttributes,
        FollowMembers = Members,
        WithAgents = Agents,
        Projects = viewer.Projects,
    };

    /// <summary>The question as query parameters, for links.</summary>
    public string Query(int? depth = -1, LineageDirection? direction = null, IReadOnlyList<string>? ids = null)
    {
        var chosenDepth = depth == -1 ? Depth : depth;
        var parts = (ids ?? Ids).Select(id => "ID=" + Html.Query(id)).ToList();
        parts.Add("DEPTH=" + (chosenDepth?.ToString(CultureInfo.InvariantCulture) ?? "ALL"));
        parts.Add("DIRECTION=" + ((direction ?? Direction) == LineageDirection.Back ? "BACK" : "FORTH"));
        if (Agents)
        {
            parts.Add("AGENT=TRUE");
        }

        return string.Join('&', parts);
    }

    public static string? One(Dictionary<string, StringValues> parameters, string name)
        => parameters.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[^1]) ? values[^1]!.Trim() : null;

    private static (bool Value, string? Error) Flag(Dictionary<string, StringValues> parameters, string name, bool byDefault)
        => One(parameters, name) switch
        {
            null => (byDefault, null),
            { } text when text.Equals("TRUE", StringComparison.OrdinalIgnoreCase) => (true, null),
            { } text when text.Equals("FALSE", StringComparison.OrdinalIgnoreCase) => (false, null),
            { } text => (false, $"{name} '{text}' is not a flag: expected TRUE or FALSE"),
        };
}
