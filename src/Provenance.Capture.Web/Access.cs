using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Provenance.Capture.Web;

/// <summary>
/// Who may see what: with a token file every request needs a token, sent as <c>Authorization: Bearer …</c>
/// (scripts) or as the cookie the sign-in form sets (browsers); its projects scope every store query of the
/// request. Also the security headers every answer carries.
/// </summary>
internal static class Access
{
    public const string Cookie = "provcap_token";

    // Pages a browser needs before it has a token.
    private static readonly string[] Open = ["/signin", "/style.css"];

    /// <summary>The headers of every answer, errors included: set as the answer starts, after any handler cleared the response.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
        => app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            return next(context);
        });

    public static void UseAccess(this WebApplication app, TokenFile? tokens)
    {
        app.Use(async (context, next) =>
        {
            if (tokens is null)
            {
                new Viewer(null, SignedIn: false).Attach(context);
                await next(context);
                return;
            }

            if (Open.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase))
            {
                new Viewer([], SignedIn: false).Attach(context);
                await next(context);
                return;
            }

            var sent = Token(context.Request);
            if (sent is not null && tokens.TryGetProjects(sent, out var projects))
            {
                new Viewer(projects, SignedIn: true).Attach(context);
                await next(context);
                return;
            }

            await Refuse(context, sent is null ? "this server needs a token" : "the token is not valid");
        });
    }

    public static void MapSignIn(this IEndpointRouteBuilder routes, TokenFile? tokens)
    {
        routes.MapGet("/signin", (string? error) => Results.Content(Html.Page("Sign in", SignInForm(error)), "text/html; charset=utf-8")).ExcludeFromDescription();
        routes.MapPost("/signin", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var token = form["token"].ToString().Trim();
            if (tokens is null || token.Length == 0 || !tokens.TryGetProjects(token, out _))
            {
                return Results.Content(Html.Page("Sign in", SignInForm("That token is not valid.")), "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
            }

            context.Response.Cookies.Append(Cookie, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
                IsEssential = true,
            });
            return Results.Redirect("/", permanent: false);
        }).DisableAntiforgery().ExcludeFromDescription();
        routes.MapPost("/signout", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/", SameSite = SameSiteMode.Strict, HttpOnly = true });
            return Results.Redirect("/signin", permanent: false);
        }).DisableAntiforgery().ExcludeFromDescription();
    }

    private static string? Token(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : string.Empty;
        }

        return request.Cookies.TryGetValue(Cookie, out var cookie) && cookie.Length > 0 ? cookie : null;
    }

    private static async Task Refuse(HttpContext context, string reason)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = "Bearer realm=\"provcap\"";
        if (Answers.WantsHtml(context.Request))
        {
            response.ContentType = "text/html; charset=utf-8";
            await response.WriteAsync(Html.Page("Sign in", SignInForm(reason[0..1].ToUpperInvariant() + reason[1..] + ".")));
        }
        else
        {
            await Answers.Problem(context, StatusCodes.Status401Unauthorized, reason + ": send 'Authorization: Bearer <token>'");
        }
    }

    private static string SignInForm(string? message)
        => (message is null ? string.Empty : $"<p class=\"error\">{Html.Text(message)}</p>")
            + "<form class=\"signin\" action=\"/signin\" method=\"post\"><label>Token <input type=\"password\" name=\"token\" autocomplete=\"current-password\" required></label> <button>Sign in</button></form>"
            + "<p>A token is given by whoever runs this server (<code>provcap token add --project P --tokens FILE</code>).</p>";
}
