using Microsoft.AspNetCore.Mvc;

namespace TrustAgain.Web.Accounts;

public static class RedirectExtensions
{
    // Only ever return to a page on this site: an off-site returnUrl would let a link send a person
    // anywhere straight after they sign in.
    public static string SafeReturnUrl(this IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
