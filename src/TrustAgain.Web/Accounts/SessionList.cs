using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Accounts;

public sealed record SessionSummary(Guid Id, string Device, DateTime CreatedAt, DateTime LastSeenAt, bool IsThisDevice);

// A person's signed-in browsers, and ending them.
public sealed class SessionList(AppDbContext db, TimeProvider clock, SecurityEvents events, DatabaseTicketStore store)
{
    public async Task<IReadOnlyList<SessionSummary>> ForAsync(string userId, Guid? current)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var signedInAfter = store.SignedInAfter(now);
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.ExpiresAt > now && s.CreatedAt > signedInAfter)
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new { s.Id, s.Device, s.CreatedAt, s.LastSeenAt })
            .ToListAsync();
        return [.. sessions.Select(s => new SessionSummary(s.Id, s.Device, s.CreatedAt, s.LastSeenAt, s.Id == current))];
    }

    public async Task<bool> EndAsync(string userId, Guid sessionId)
    {
        if (await db.Sessions.Where(s => s.Id == sessionId && s.UserId == userId).ExecuteDeleteAsync() == 1)
        {
            store.ForgetKeptSessions();
            return true;
        }
        if (await db.Sessions.AnyAsync(s => s.Id == sessionId))
        {
            events.ForeignIdAccess(userId, "session");
        }
        return false;
    }

    // Ends every session of this person but `keep` (null ends them all: after a password reset, for example).
    // This instance forgets the sessions it keeps in memory at once; the others within DatabaseTicketStore.Freshness.
    public async Task<int> EndAllExceptAsync(string userId, Guid? keep)
    {
        var ended = await db.Sessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync();
        store.ForgetKeptSessions();
        return ended;
    }
}
