using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;

namespace TrustAgain.Web.Accounts;

public static class AccountSetup
{
    // Version 3 of the Identity schema stores passkeys (WebAuthn credentials).
    public static void ConfigureStores(IdentityOptions identity) => identity.Stores.SchemaVersion = IdentitySchemaVersions.Version3;

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentity<AppUser, IdentityRole>(identity =>
            {
                // NIST 800-63B: length matters, composition rules do not.
                identity.Password.RequiredLength = PasswordRules.MinLength;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 1;
                identity.User.RequireUniqueEmail = true;
                identity.SignIn.RequireConfirmedAccount = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                ConfigureStores(identity);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddSignInManager<AppSignInManager>()
            .AddTokenProvider<SingleUseAuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider);
        // Second factors are sealed and hashed rather than stored in the clear (see SecondFactorStore).
        builder.Services.AddSingleton<AccountSecrets>();
        builder.Services.Replace(ServiceDescriptor.Scoped<IUserStore<AppUser>, SecondFactorStore>());
        // Every sign-in starts a new session (see AppSignInManager), and addresses without an account get the same
        // work and answers as real ones.
        builder.Services.AddScoped<FreshSessionHandlers>();
        builder.Services.Replace(ServiceDescriptor.Scoped<IAuthenticationHandlerProvider>(services => services.GetRequiredService<FreshSessionHandlers>()));
        builder.Services.AddSingleton<AbsentAccounts>();
        // Password-reset and e-mail change links work for an hour.
        builder.Services.Configure<DataProtectionTokenProviderOptions>(tokens => tokens.TokenLifespan = TimeSpan.FromHours(1));

        // A passkey's signed origin must be this site. Identity's default compares it with the request's Origin header,
        // which browsers send as "null" under our Referrer-Policy: no-referrer; the scheme and host the request
        // arrived on are the same check without that header.
        builder.Services.Configure<IdentityPasskeyOptions>(passkeys => passkeys.ValidateOrigin = context =>
            ValueTask.FromResult(!context.CrossOrigin
                && Uri.TryCreate(context.Origin, UriKind.Absolute, out var origin)
                && origin.Equals(new Uri($"{context.HttpContext.Request.Scheme}://{context.HttpContext.Request.Host}"))));

        builder.Services.Configure<PasswordHasherOptions>(hasher => hasher.IterationCount = 210_000);
        // Sessions of a person who changed their password or was deleted end within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.FromMinutes(1));

        // Sessions live in the database; the cookie only names one.
        builder.Services.AddSingleton<DatabaseTicketStore>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((cookie, store) => cookie.SessionStore = store);
        // Outside development every cookie is __Host- prefixed and Secure: sent only over HTTPS, only to this host,
        // for the whole site. TrustAgain__SecureCookies=false turns that off for plain-HTTP set-ups (the benchmark).
        builder.Services.AddAntiforgery();
        builder.Services.AddOptions<AntiforgeryOptions>().Configure<IOptions<TrustAgainOptions>, IHostEnvironment>((antiforgery, settings, environment) =>
            Name(antiforgery.Cookie, "TrustAgain.Antiforgery", settings.Value.SecureCookiesIn(environment)));
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme)
            .Configure<IOptions<TrustAgainOptions>, IHostEnvironment>((cookie, settings, environment) =>
                Name(cookie.Cookie, "TrustAgain.SecondStep", settings.Value.SecureCookiesIn(environment)));
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<TrustAgainOptions>, IHostEnvironment>((cookie, settings, environment) =>
                Name(cookie.Cookie, "TrustAgain.Session", settings.Value.SecureCookiesIn(environment)));
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/account/sign-in";
            cookie.LogoutPath = "/account/sign-out";
            cookie.AccessDeniedPath = "/account/sign-in";
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
        });

        builder.AddSettings<MailOptions>(MailOptions.SectionName);
        builder.Services.AddSingleton<MailTransport>();
        builder.Services.AddSingleton<Mailer>();
        builder.Services.AddHostedService<AccountMailCheck>();
        builder.Services.Configure<MvcOptions>(mvc => mvc.Filters.Add<AccountMailRefusal>());
        builder.Services.AddSingleton<SignUpLinks>();
        builder.Services.AddScoped<EmailChanges>();
        builder.Services.AddScoped<SessionList>();
    }

    private static void Name(CookieBuilder cookie, string name, bool secure)
    {
        cookie.Name = (secure ? "__Host-" : "") + name;
        cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }
}
