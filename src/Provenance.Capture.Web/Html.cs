using System.Globalization;
using System.Net;
using System.Text;

namespace Provenance.Capture.Web;

/// <summary>The few pieces every page is made of; every text that came from a log goes through <see cref="Text"/>.</summary>
internal static class Html
{
    public static string Text(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string Query(string? text) => Uri.EscapeDataString(text ?? string.Empty);

    public static string Link(string href, string? text, string? css = null)
        => $"<a href=\"{Text(href)}\"{(css is null ? string.Empty : $" class=\"{css}\"")}>{Text(text)}</a>";

    /// <summary>The page of a node, by its kind.</summary>
    public static string NodeHref(string kind, string id) => $"/{(kind is "activity" or "agent" ? kind : "entity")}?id={Query(id)}";

    public static string Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Number(long number) => number.ToString("N0", CultureInfo.InvariantCulture);

    public static string Run(long? run) => run?.ToString("D5", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>A whole page: the layout, the title, the search box and the body.</summary>
    public static string Page(string title, string body, bool signedIn = false)
    {
        var page = new StringBuilder(body.Length + 1024);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        page.Append("<title>").Append(Text(title)).Append(" — provcap</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body>");
        page.Append("<header><a class=\"home\" href=\"/\">provcap</a><form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">");
        page.Append("<input type=\"search\" name=\"q\" placeholder=\"file name, path, hash or activity id\" aria-label=\"search\"><button>Search</button></form>");
        if (signedIn)
        {
            page.Append("<form class=\"signout\" action=\"/signout\" method=\"post\"><button>Sign out</button></form>");
        }

        page.Append("</header><main><h1>").Append(Text(title)).Append("</h1>").Append(body).Append("</main></body></html>\n");
        return page.ToString();
    }

    /// <summary>A table: a header row (none when every name is empty) and rows of cells already made HTML.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? css = null)
    {
        var table = new StringBuilder();
        table.Append(css is null ? "<table>" : $"<table class=\"{css}\">");
        if (header.Any(h => h.Length > 0))
        {
            table.Append("<thead><tr>");
            foreach (var cell in header)
            {
                table.Append("<th>").Append(Text(cell)).Append("</th>");
            }

            table.Append("</tr></thead>");
        }

        table.Append("<tbody>");
        foreach (var row in rows)
        {
            table.Append("<tr>");
            foreach (var cell in row)
            {
                table.Append("<td>").Append(cell).Append("</td>");
            }

            table.Append("</tr>");
        }

        return table.Append("</tbody></table>").ToString();
    }
}
