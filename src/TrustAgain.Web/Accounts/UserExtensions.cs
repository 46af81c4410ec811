using System.Security.Claims;

namespace TrustAgain.Web.Accounts;

public static class UserExtensions
{
    // The signed-in person's id, or null for a visitor. Every query for personal data filters on it.
    public static string? UserId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static string RequiredUserId(this ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("This page requires a signed-in person.");
}
