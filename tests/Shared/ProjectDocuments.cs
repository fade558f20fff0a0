using System.Text.Json;

namespace Provenance.Capture.Tests.Shared;

/// <summary>
/// PROV-JSON documents the project and web tests ingest next to a sample night: an embargoed reanalysis of
/// one of the night's files (its own run, a product, an agent), and a document whose ids and labels hold HTML.
/// </summary>
public static class ProjectDocuments
{
    public const string Reanalysis = "act:embargoed-reanalysis";
    public const string Product = "ent:embargoed-product";
    public const string Investigator = "agent:embargoed-pi";
    public const long Run = 7001;
    public const string Injection = "ent:<script>alert('id')</script>";
    public const string InjectionLabel = "<img src=x onerror=alert('label')>";

    /// <summary>Writes the embargoed reanalysis: it used <paramref name="used"/> (an id of the night) and made a product at <paramref name="folder"/>/secret.h5.</summary>
    public static string WriteEmbargoed(string folder, string used)
    {
        var path = Path.Combine(folder, "embargoed.prov.json");
        var document = new Dictionary<string, object>
        {
            ["prefix"] = Prefixes(),
            ["activity"] = new Dictionary<string, object>
            {
                [Reanalysis] = new Dictionary<string, object>
                {
                    ["prov:label"] = "reanalysis",
                    ["prov:startTime"] = "2021-03-01T10:00:00Z",
                    ["prov:endTime"] = "2021-03-01T11:00:00Z",
                    ["provcap:run"] = new Dictionary<string, object> { ["$"] = Run.ToString(System.Globalization.CultureInfo.InvariantCulture), ["type"] = "xsd:long" },
                },
            },
            ["entity"] = new Dictionary<string, object>
            {
                [Product] = new Dictionary<string, object> { ["prov:label"] = "SecretProduct", ["prov:location"] = Path.Combine(folder, "secret.h5") },
            },
            ["agent"] = new Dictionary<string, object> { [Investigator] = new Dictionary<string, object> { ["prov:label"] = "Principal investigator" } },
            ["used"] = new Dictionary<string, object> { ["_:u1"] = new Dictionary<string, object> { ["prov:activity"] = Reanalysis, ["prov:entity"] = used } },
            ["wasGeneratedBy"] = new Dictionary<string, object> { ["_:g1"] = new Dictionary<string, object> { ["prov:entity"] = Product, ["prov:activity"] = Reanalysis } },
            ["wasAssociatedWith"] = new Dictionary<string, object> { ["_:a1"] = new Dictionary<string, object> { ["prov:activity"] = Reanalysis, ["prov:agent"] = Investigator } },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document));
        return path;
    }

    /// <summary>Writes a document whose entity id and label hold HTML, made by an activity that used <paramref name="used"/>.</summary>
    public static string WriteInjection(string folder, string used)
    {
        var path = Path.Combine(folder, "injection.prov.json");
        var document = new Dictionary<string, object>
        {
            ["prefix"] = Prefixes(),
            ["activity"] = new Dictionary<string, object> { ["act:injection-check"] = new Dictionary<string, object> { ["prov:label"] = "<b>check</b>" } },
            ["entity"] = new Dictionary<string, object> { [Injection] = new Dictionary<string, object> { ["prov:label"] = InjectionLabel } },
            ["used"] = new Dictionary<string, object> { ["_:u1"] = new Dictionary<string, object> { ["prov:activity"] = "act:injection-check", ["prov:entity"] = used } },
            ["wasGeneratedBy"] = new Dictionary<string, object> { ["_:g1"] = new Dictionary<string, object> { ["prov:entity"] = Injection, ["prov:activity"] = "act:injection-check" } },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document));
        return path;
    }

    private static Dictionary<string, string> Prefixes() => new()
    {
        ["act"] = "urn:provenance-capture:activity:",
        ["ent"] = "urn:provenance-capture:entity:",
        ["agent"] = "urn:provenance-capture:agent:",
        ["provcap"] = "urn:provenance-capture:ns#",
    };
}
