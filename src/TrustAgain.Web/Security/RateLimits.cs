using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TrustAgain.Web.Accounts;

namespace TrustAgain.Web.Security;

public sealed class RateLimitOptions
{
    public const string SectionName = "TrustAgain:RateLimits";

    // Sign-in, registration, password reset and change, account deletion: POSTs per minute from one address.
    // Guessing one account's password is also stopped by lockout after five failures.
    [Range(1, int.MaxValue, ErrorMessage = "TrustAgain__RateLimits__AccountFormsPerMinute must be a whole number of 1 or more.")]
    public int AccountFormsPerMinute { get; set; } = 20;

    // Reflections saved or edited, and agreements and their log entries saved, per minute by one person.
    [Range(1, int.MaxValue, ErrorMessage = "TrustAgain__RateLimits__ReflectionSavesPerMinute must be a whole number of 1 or more.")]
    public int ReflectionSavesPerMinute { get; set; } = 60;

    // Expensive work one person can ask for — journal search, a counsellor summary, an import — per minute.
    [Range(1, int.MaxValue, ErrorMessage = "TrustAgain__RateLimits__ExpensiveRequestsPerMinute must be a whole number of 1 or more.")]
    public int ExpensiveRequestsPerMinute { get; set; } = 30;

    // Invitations made, codes entered, invitations accepted and offers sent, per minute by one person. With
    // twelve-character codes (60 bits) this makes guessing a code hopeless.
    [Range(1, int.MaxValue, ErrorMessage = "TrustAgain__RateLimits__TogetherFormsPerMinute must be a whole number of 1 or more.")]
    public int TogetherFormsPerMinute { get; set; } = 10;
}

// The built-in rate limiter. Only POSTs count: reading pages is never limited. Rejections answer 429 with
// Retry-After and are logged once as a security event (without any form content).
public static class RateLimits
{
    public const string AccountForms = "account-forms";
    public const string ReflectionSaves = "reflection-saves";
    public const string ExpensiveRequests = "expensive-requests";
    public const string TogetherForms = "together-forms";

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SecurityEvents>();
        builder.AddSettings<RateLimitOptions>(RateLimitOptions.SectionName);
        // The policies need the bound settings, so they are added where the options system hands them over.
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, settings) =>
        {
            var limits = settings.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }
                context.HttpContext.RequestServices.GetRequiredService<SecurityEvents>().RateLimited(context.HttpContext.Request.Path.Value);
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(AccountForms, http => PostsOnly(http, "address:" + http.Connection.RemoteIpAddress, limits.AccountFormsPerMinute));
            options.AddPolicy(ReflectionSaves, http => PostsOnly(http, "person:" + (http.User.UserId() ?? http.Connection.RemoteIpAddress?.ToString()), limits.ReflectionSavesPerMinute));
            options.AddPolicy(TogetherForms, http => PostsOnly(http, "together:" + (http.User.UserId() ?? http.Connection.RemoteIpAddress?.ToString()), limits.TogetherFormsPerMinute));
            options.AddPolicy(ExpensiveRequests, http => PostsOnly(http, "expensive:" + (http.User.UserId() ?? http.Connection.RemoteIpAddress?.ToString()), limits.ExpensiveRequestsPerMinute));
        });
    }

    private static RateLimitPartition<string> PostsOnly(HttpContext http, string key, int perMinute) =>
        HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("reading");
}
