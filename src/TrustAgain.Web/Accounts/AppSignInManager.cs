using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Accounts;

// What a password sign-in came to, with what the security log needs: whether the account (or the address without
// one) was already locked, and whose account it was.
public sealed record PasswordSignInOutcome(SignInResult Result, bool WasLockedOut, string? UserId);

// Identity's SignInManager (hence the name), with two things TrustAgain needs on every sign-in path:
//
// A new session every time. A browser may arrive at sign-in still carrying a session cookie — say someone else
// signed in on a shared laptop and kept a copy of that cookie. The cookie handler would then renew that same
// session row with the new person's ticket, and the kept copy would be signed in as them. Every sign-in (password,
// authenticator or recovery code, passkey, finishing sign-up) goes through SignInWithClaimsAsync, which first ends
// the request's session and then hands the sign-in to a cookie handler that has not read it, so the session gets
// a new id. Refreshing one's own sign-in (after changing a setting) keeps the session.
//
// The same work and answer for addresses without an account (AbsentAccounts).
public sealed class AppSignInManager(
    UserManager<AppUser> users, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation, FreshSessionHandlers handlers, AbsentAccounts absentAccounts,
    IOptionsMonitor<CookieAuthenticationOptions> cookies)
    : SignInManager<AppUser>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    private bool _refreshing;

    public async Task<PasswordSignInOutcome> SignInWithPasswordAsync(string email, string password, bool isPersistent)
    {
        if (await UserManager.FindByEmailAsync(email) is not { } user)
        {
            var wasPaused = absentAccounts.IsPaused(email);
            return new(absentAccounts.SignIn(email, password), wasPaused, null);
        }
        if (await UserManager.IsLockedOutAsync(user))
        {
            // Identity answers a locked account without checking the password; do the work anyway, so a paused
            // account takes as long as a paused address without one.
            absentAccounts.CheckAsIfReal(password);
            return new(SignInResult.LockedOut, true, user.Id);
        }
        return new(await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: true), false, user.Id);
    }

    public override async Task RefreshSignInAsync(AppUser user)
    {
        _refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshing = false;
        }
    }

    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        if (!_refreshing)
        {
            await EndTheRequestsSessionAsync();
        }
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    private async Task EndTheRequestsSessionAsync()
    {
        if (!Context.Request.Cookies.ContainsKey(cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name!))
        {
            return;
        }
        // Signing out removes the session row the cookie names, whoever's it is, and stops its handler renewing it.
        await Context.SignOutAsync(IdentityConstants.ApplicationScheme);
        handlers.Forget();
    }
}

// The framework's per-request cache of authentication handlers, with a way to forget them. A cookie handler reads
// the request's session once and reuses its id for any sign-in in the same request; a handler created after
// Forget() finds that session ended and stores a new one.
public sealed class FreshSessionHandlers(IAuthenticationSchemeProvider schemes) : IAuthenticationHandlerProvider
{
    private AuthenticationHandlerProvider _handlers = new(schemes);

    public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme) =>
        _handlers.GetHandlerAsync(context, authenticationScheme);

    public void Forget() => _handlers = new AuthenticationHandlerProvider(schemes);
}
