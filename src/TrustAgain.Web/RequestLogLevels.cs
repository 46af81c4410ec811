using Serilog.Events;

namespace TrustAgain.Web;

// The level of the one line logged per request. A visitor reading a public page or a static file is the bulk of
// traffic and says nothing about anyone, so it is Debug (on with Serilog__MinimumLevel__Default=Debug); anything a
// signed-in person does, every form post and every client error stays Information, and failures are errors.
public static class RequestLogLevels
{
    public static LogEventLevel For(HttpContext context, double elapsedMilliseconds, Exception? error)
    {
        var status = context.Response.StatusCode;
        if (error is not null || status >= StatusCodes.Status500InternalServerError)
        {
            return LogEventLevel.Error;
        }
        var visitorRead = (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && status < StatusCodes.Status400BadRequest
            && context.User.Identity?.IsAuthenticated != true;
        return visitorRead ? LogEventLevel.Debug : LogEventLevel.Information;
    }
}
