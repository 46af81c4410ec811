using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TrustAgain.Web.Data;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Accounts;

// Keeps sign-in sessions in the database (shared by every instance) instead of in the cookie, so that signing
// out, "sign out everywhere" and a password change end sessions for real. However active, a session ends
// TrustAgain__SessionLifetime after its sign-in, and the person signs in again.
//
// A session read from the database is kept in memory for half a second (Freshness), so the requests a page brings
// with it, and a busy person's next clicks, cost no database read and no unprotecting. That is how long a session
// ended on another instance can still be used here; on this instance, ending any session (signing out, "sign out
// everywhere", a password change, a refused hand-over) forgets every kept session at once. The short life is the
// guarantee rather than a message between instances, so it holds however the session row went (an account
// deleted, a row removed by hand) and cannot be lost with a dropped connection.
public sealed class DatabaseTicketStore(
    IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock, IOptions<TrustAgainOptions> options,
    SecurityEvents events, IMemoryCache cache)
    : ITicketStore
{
    // Well inside the promise that a session ended anywhere stops working everywhere within a second.
    public static readonly TimeSpan Freshness = TimeSpan.FromMilliseconds(500);

    // Bumped whenever this instance ends a session; a kept session read before the bump is not used again.
    private long _generation;

    // A session as read from the database: the ticket serialized but no longer protected (the process that holds it
    // also holds the Data Protection keys, so that is no new exposure), and when it was read.
    private sealed record KeptSession(byte[] Ticket, DateTime CreatedAt, DateTime ExpiresAt, DateTime ReadAt, long Generation);

    // Writing "last seen" on every request would cost a write per page; a few minutes' precision is enough.
    private static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(5);

    // Carried inside the stored ticket, so every request knows which session it belongs to.
    private const string SessionClaim = "trustagain:session";

    private readonly IDataProtector _protector = protection.CreateProtector("TrustAgain.Sessions.v1");

    // Every signed-in request looks its session up, so the query is compiled once rather than translated each time.
    private static readonly Func<AppDbContext, Guid, DateTime, DateTime, Task<StoredSession?>> FindSession =
        EF.CompileAsyncQuery((AppDbContext db, Guid id, DateTime now, DateTime signedInAfter) => db.Sessions.AsNoTracking()
            .Where(s => s.Id == id && s.ExpiresAt > now && s.CreatedAt > signedInAfter)
            .Select(s => new StoredSession(s.Ticket, s.CreatedAt, s.ExpiresAt, s.LastSeenAt))
            .SingleOrDefault());

    private sealed record StoredSession(byte[] Ticket, DateTime CreatedAt, DateTime ExpiresAt, DateTime LastSeenAt);

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var id = Guid.CreateVersion7(now);
        NameSession(ticket, id);
        var session = new UserSession
        {
            Id = id,
            UserId = OwnerOf(ticket),
            Ticket = Protect(ticket),
            Device = DeviceNames.Describe(httpContext?.Request.Headers.UserAgent.ToString()),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc?.UtcDateTime ?? now.AddDays(14),
        };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id.ToString();
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(key, out var id))
        {
            return;
        }
        // A renewed principal (the security stamp check builds a fresh one) must still say which session it is.
        NameSession(ticket, id);
        var owner = OwnerOf(ticket);
        var protectedTicket = Protect(ticket);
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = ticket.Properties.ExpiresUtc?.UtcDateTime ?? now.AddDays(14);
        await using var scope = scopes.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<AppDbContext>().Sessions;
        var renewed = await sessions
            .Where(s => s.Id == id && s.UserId == owner)
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.Ticket, protectedTicket)
                .SetProperty(s => s.ExpiresAt, expires)
                .SetProperty(s => s.LastSeenAt, now), cancellationToken);
        // Someone else's session is never handed over: a kept copy of that cookie would be signed in as this
        // person. The row is ended instead, so both the copy and this browser must sign in afresh.
        var refused = renewed == 0 && await sessions.Where(s => s.Id == id && s.UserId != owner).ExecuteDeleteAsync(cancellationToken) > 0;
        // After the write, so a request that read the old row meanwhile does not keep it.
        ForgetKeptSessions();
        if (refused)
        {
            events.SessionHandOverRefused(owner);
        }
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(key, out var id))
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // Read before the database, so a session ended while it is being read is not kept as if it were current.
        var generation = Interlocked.Read(ref _generation);
        if (cache.TryGetValue(CacheKey(id), out KeptSession? kept) && kept is not null && kept.Generation == generation
            && now - kept.ReadAt < Freshness && kept.ExpiresAt > now && kept.CreatedAt > SignedInAfter(now))
        {
            return TicketSerializer.Default.Deserialize(kept.Ticket);
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var session = await FindSession(db, id, now, SignedInAfter(now));
        if (session is null)
        {
            return null;
        }
        if (now - session.LastSeenAt > LastSeenPrecision)
        {
            await db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }
        if (Unprotect(session.Ticket) is not { } ticket)
        {
            return null;
        }
        // Freshness is judged by the app's clock above; the cache's own expiry only lets memory go in the end.
        cache.Set(CacheKey(id), new KeptSession(ticket, session.CreatedAt, session.ExpiresAt, now, generation), TimeSpan.FromMinutes(1));
        return TicketSerializer.Default.Deserialize(ticket);
    }

    // Every session kept in memory is read from the database again on its next request. Called whenever this
    // instance ends a session, after the row is gone; ends are rare next to page views, so forgetting them all
    // keeps this simple.
    public void ForgetKeptSessions() => Interlocked.Increment(ref _generation);

    private static (Type, Guid) CacheKey(Guid id) => (typeof(DatabaseTicketStore), id);

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(key, out var id))
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Sessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
            ForgetKeptSessions();
        }
    }

    // Sessions signed in before this moment have reached their absolute lifetime.
    public DateTime SignedInAfter(DateTime now) => now - options.Value.SessionLifetime;

    // The id of the session a request belongs to.
    public static Guid? CurrentSessionId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(SessionClaim), out var id) ? id : null;

    private static void NameSession(AuthenticationTicket ticket, Guid id)
    {
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            foreach (var old in identity.FindAll(SessionClaim).ToList())
            {
                identity.RemoveClaim(old);
            }
            identity.AddClaim(new Claim(SessionClaim, id.ToString()));
        }
    }

    private static string OwnerOf(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A session needs a user.");

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    // The serialized ticket, or null when it cannot be unprotected (its key is gone, or it was altered).
    private byte[]? Unprotect(byte[] ticket)
    {
        try
        {
            return _protector.Unprotect(ticket);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

// Turns a User-Agent header into words a person recognises. Only the browser family and system are kept.
public static class DeviceNames
{
    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown device";
        }
        var browser = userAgent switch
        {
            _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
            _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) || userAgent.Contains("Chromium/", StringComparison.Ordinal) => "Chrome",
            _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
            _ => "A browser",
        };
        var system = userAgent switch
        {
            _ when userAgent.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) => "iOS",
            _ when userAgent.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when userAgent.Contains("Mac OS", StringComparison.Ordinal) => "macOS",
            _ when userAgent.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => "an unknown system",
        };
        return $"{browser} on {system}";
    }
}
