using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Provenance.Capture.Web;

/// <summary>How answers are written: pages as HTML, the API, ProvSAP and errors for scripts as JSON.</summary>
internal static class Answers
{
    public const string HtmlType = "text/html; charset=utf-8";

    /// <summary>Whether a request is a page's (HTML errors) rather than a script's (JSON errors).</summary>
    public static bool WantsHtml(HttpRequest request)
        => !(request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/provsap", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/openapi.json", StringComparison.OrdinalIgnoreCase));

    public static IResult Page(string title, string body, Viewer viewer, int status = StatusCodes.Status200OK)
        => Results.Content(Html.Page(title, body, viewer.SignedIn), HtmlType, statusCode: status);

    /// <summary>An error, as a page or as JSON (<c>{"status": 400, "error": "…"}</c>) by who asked.</summary>
    public static IResult Error(HttpRequest request, int status, string message)
        => WantsHtml(request)
            ? Results.Content(Html.Page(Title(status), $"<p class=\"error\">{Html.Text(message)}</p>"), HtmlType, statusCode: status)
            : Results.Json(new ErrorAnswer(status, message), statusCode: status);

    public static async Task Problem(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorAnswer(status, message), JsonSerializerOptions.Web);
    }

    /// <summary>What a node not found (or not to be seen: the same answer, so that its existence is not told) answers.</summary>
    public static IResult NotFound(HttpRequest request, string? node)
        => Error(request, StatusCodes.Status404NotFound, $"no node named '{node}' here");

    public static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status401Unauthorized => "Sign in",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status413PayloadTooLarge => "Request too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported format",
        _ => "Error",
    };

    /// <summary>An error for scripts.</summary>
    /// <param name="Status">The HTTP status.</param>
    /// <param name="Error">What was wrong, and what was expected.</param>
    public sealed record ErrorAnswer(int Status, string Error);
}
