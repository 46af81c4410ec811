using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Accounts;

// Adds the person's display preferences to their sign-in, so pages can honour them without a query.
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string DiscreetTitleClaim = "trustagain:discreet-title";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.DiscreetTitle)
        {
            identity.AddClaim(new Claim(DiscreetTitleClaim, "true"));
        }
        return identity;
    }
}
