using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TrustAgain.Web.Pages;

// Shown for unknown pages and for failures. It deliberately says nothing technical: no stack trace,
// no exception type, nothing from the request.
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public void OnGet() => Describe(StatusFromRoute());

    public void OnPost() => Describe(StatusFromRoute());

    // Read from the route by hand, not model binding: a failed POST is re-executed here, and binding would try to
    // read its form, which may be the very thing that could not be read.
    private int StatusFromRoute() =>
        int.TryParse(RouteData.Values["code"]?.ToString(), out var code) ? code : StatusCodes.Status500InternalServerError;

    private void Describe(int code)
    {
        // When reached directly rather than re-executed for a failed request, still answer with the status.
        if (HttpContext.Response.StatusCode == StatusCodes.Status200OK)
        {
            HttpContext.Response.StatusCode = code;
        }
        (Title, Message) = code switch
        {
            StatusCodes.Status404NotFound => ("We couldn't find that page",
                "The address may be mistyped, or the page may have moved. Nothing you saved has been affected."),
            StatusCodes.Status400BadRequest => ("That request couldn't be completed",
                "The form may have expired. Go back, reload the page and try again."),
            StatusCodes.Status429TooManyRequests => ("Please wait a moment",
                "There have been a lot of attempts in a short time. Try again in a minute."),
            _ => ("Something went wrong on our side",
                "Sorry — this wasn't caused by anything you did. Please try again in a moment."),
        };
    }
}
