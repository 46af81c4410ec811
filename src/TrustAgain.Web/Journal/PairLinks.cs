using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;

namespace TrustAgain.Web.Journal;

// A person's link with the other person, as they see it. The other person's address is shown because that is who
// they confirmed; the two switches are each person's own.
public sealed record PairLink(Guid PairId, string OtherId, string OtherEmail, DateTime LinkedAt,
    bool ShareFinishedSteps, bool ShareCheckInTrend, bool OtherSharesFinishedSteps, bool OtherSharesCheckInTrend);

// A member's link together with the pair's key, unwrapped for one request.
public sealed record PairKey(PairLink Link, JournalCipher.UserKey Key);

// The inviter's current invitation: open and waiting, or accepted by someone and waiting for the inviter to confirm.
public sealed record PendingInvitation(Guid Id, DateTime ExpiresAt, string? AcceptedByEmail);

// A new invitation's link token and code, shown to the inviter once and never stored.
public sealed record NewInvitation(Guid Id, string Token, string Code, DateTime ExpiresAt);

public enum InvitationCheck
{
    Valid,
    NotFound,
    Expired,
    Withdrawn,
    AlreadyUsed,
    OwnInvitation,
    YouAreLinked,
    InviterIsLinked,
}

// What a person opening an invitation learns: whether it can be accepted and, if so, who sent it.
public sealed record InvitationLookup(InvitationCheck Check, Guid InvitationId = default, string? InviterEmail = null);

// Links two people, and unlinks them. The one owner of pairs, their members and keys, invitations and the notice
// that a link has ended. Every query filters on the person asking: their own member row, or invitations they sent
// or accepted. A link is made only when the invitation's author confirms the person who accepted it, so an
// invitation that reached the wrong person links nobody.
public sealed class PairLinks(AppDbContext db, JournalCipher cipher, TimeProvider clock)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromHours(72);

    // Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand is hard to get wrong.
    private const string CodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    // Twelve characters of base 32 are 60 bits: under the rate limit a guesser would need millions of years.
    private const int CodeLength = 12;

    public async Task<PairLink?> FindAsync(string userId)
    {
        var me = await db.PairMembers.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == userId);
        if (me is null)
        {
            return null;
        }
        var other = await db.PairMembers.AsNoTracking()
            .Where(m => m.PairId == me.PairId && m.UserId != userId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, u.Email, m.ShareFinishedSteps, m.ShareCheckInTrend })
            .SingleAsync();
        return new(me.PairId, other.UserId, other.Email ?? "", me.JoinedAt, me.ShareFinishedSteps, me.ShareCheckInTrend,
            other.ShareFinishedSteps, other.ShareCheckInTrend);
    }

    public Task<bool> IsLinkedAsync(string userId) => db.PairMembers.AnyAsync(m => m.UserId == userId);

    // The pair's key, unwrapped for one request, for the person's own pair only.
    public async Task<PairKey?> KeyAsync(string userId)
    {
        if (await FindAsync(userId) is not { } link)
        {
            return null;
        }
        var wrapped = await db.Pairs.Where(p => p.Id == link.PairId).Select(p => p.WrappedKey).SingleAsync();
        return new(link, cipher.UnwrapPairKey(link.PairId, wrapped));
    }

    public async Task<PendingInvitation?> PendingAsync(string userId)
    {
        var now = Now;
        return await db.PairInvitations.AsNoTracking()
            .Where(i => i.InviterId == userId && (i.State == InvitationState.Open && i.ExpiresAt > now || i.State == InvitationState.Accepted))
            .OrderByDescending(i => i.CreatedAt)
            .Select(i => new PendingInvitation(i.Id, i.ExpiresAt, db.Users.Where(u => u.Id == i.AcceptedById).Select(u => u.Email).FirstOrDefault()))
            .FirstOrDefaultAsync();
    }

    // A new invitation replaces any earlier one this person sent and has not seen used: one invitation at a time.
    public async Task<NewInvitation?> InviteAsync(string userId)
    {
        if (await IsLinkedAsync(userId))
        {
            return null;
        }
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var code = RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);
        var now = Now;
        var invitation = new PairInvitation
        {
            Id = Guid.CreateVersion7(now),
            InviterId = userId,
            TokenHash = Hash(token),
            CodeHash = Hash(code),
            CreatedAt = now,
            ExpiresAt = now + InvitationLifetime,
            State = InvitationState.Open,
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        await RevokeOpenAsync(userId);
        await db.LinkEndedNotices.Where(n => n.UserId == userId).ExecuteDeleteAsync();
        db.PairInvitations.Add(invitation);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        db.ChangeTracker.Clear();
        return new(invitation.Id, token, $"{code[..4]}-{code[4..8]}-{code[8..]}", invitation.ExpiresAt);
    }

    // Withdraws an invitation before the link is made: open, or accepted and not yet confirmed.
    public async Task<bool> RevokeAsync(string userId, Guid invitationId) =>
        await db.PairInvitations
            .Where(i => i.Id == invitationId && i.InviterId == userId && (i.State == InvitationState.Open || i.State == InvitationState.Accepted))
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.State, InvitationState.Revoked)) == 1;

    private Task<int> RevokeOpenAsync(string userId) =>
        db.PairInvitations
            .Where(i => i.InviterId == userId && (i.State == InvitationState.Open || i.State == InvitationState.Accepted))
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.State, InvitationState.Revoked));

    public Task<InvitationLookup> CheckTokenAsync(string userId, string token)
    {
        var hash = Hash(token);
        return CheckAsync(userId, i => i.TokenHash == hash);
    }

    public Task<InvitationLookup> CheckCodeAsync(string userId, string code)
    {
        if (NormaliseCode(code) is not { } normal)
        {
            return Task.FromResult(new InvitationLookup(InvitationCheck.NotFound));
        }
        var hash = Hash(normal);
        return CheckAsync(userId, i => i.CodeHash == hash);
    }

    // Accepts an invitation found by its link token or its code. Nothing is linked yet: the inviter confirms next.
    public async Task<InvitationLookup> AcceptAsync(string userId, string? token, string? code)
    {
        var lookup = token is not null ? await CheckTokenAsync(userId, token) : await CheckCodeAsync(userId, code ?? "");
        if (lookup.Check != InvitationCheck.Valid)
        {
            return lookup;
        }
        var now = Now;
        // The state in the WHERE clause makes two people accepting at once safe: only one update finds it open.
        var accepted = await db.PairInvitations
            .Where(i => i.Id == lookup.InvitationId && i.State == InvitationState.Open && i.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.State, InvitationState.Accepted).SetProperty(i => i.AcceptedById, userId));
        return accepted == 1 ? lookup : new(InvitationCheck.AlreadyUsed);
    }

    // The inviter confirms the person who accepted: the pair, its wrapped key and both member rows are made in one
    // transaction. False when there is nothing to confirm, or either person is linked by now.
    public async Task<bool> ConfirmAsync(string userId, Guid invitationId)
    {
        var invitation = await db.PairInvitations.AsNoTracking()
            .SingleOrDefaultAsync(i => i.Id == invitationId && i.InviterId == userId && i.State == InvitationState.Accepted);
        if (invitation?.AcceptedById is not { } otherId)
        {
            return false;
        }
        var now = Now;
        var pairId = Guid.CreateVersion7(now);
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.PairInvitations.Where(i => i.Id == invitationId && i.State == InvitationState.Accepted)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.State, InvitationState.Used)) != 1
            || await db.PairMembers.AnyAsync(m => m.UserId == userId || m.UserId == otherId))
        {
            return false;
        }
        db.Pairs.Add(new Pair { Id = pairId, WrappedKey = cipher.NewWrappedPairKey(pairId), CreatedAt = now });
        db.PairMembers.Add(new PairMember { UserId = userId, PairId = pairId, JoinedAt = now });
        db.PairMembers.Add(new PairMember { UserId = otherId, PairId = pairId, JoinedAt = now });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // One of the two joined another pair a moment ago; the member row's key refused the second pair.
            db.ChangeTracker.Clear();
            return false;
        }
        await db.LinkEndedNotices.Where(n => n.UserId == userId || n.UserId == otherId).ExecuteDeleteAsync();
        await transaction.CommitAsync();
        db.ChangeTracker.Clear();
        return true;
    }

    // The inviter does not know the person who accepted, or changed their mind: nobody is linked.
    public async Task<bool> DeclineAsync(string userId, Guid invitationId) =>
        await db.PairInvitations
            .Where(i => i.Id == invitationId && i.InviterId == userId && i.State == InvitationState.Accepted)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.State, InvitationState.Declined)) == 1;

    // Ends this person's link at once. Deleting the pair row deletes, in the same statement, its wrapped key, both
    // member rows, every offer in both directions and the disclosure record (the foreign keys cascade); the other
    // person is left a notice that says only that the link has ended. False when the person is not linked.
    public async Task<bool> EndAsync(string userId)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        var pairId = await db.PairMembers.Where(m => m.UserId == userId).Select(m => (Guid?)m.PairId).SingleOrDefaultAsync();
        if (pairId is null)
        {
            return false;
        }
        var others = await db.PairMembers.Where(m => m.PairId == pairId && m.UserId != userId).Select(m => m.UserId).ToListAsync();
        await db.Pairs.Where(p => p.Id == pairId).ExecuteDeleteAsync();
        await db.LinkEndedNotices.Where(n => others.Contains(n.UserId)).ExecuteDeleteAsync();
        db.LinkEndedNotices.AddRange(others.Select(other => new LinkEndedNotice { UserId = other }));
        await db.SaveChangesAsync();
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }
        db.ChangeTracker.Clear();
        return true;
    }

    public Task<bool> LinkEndedAsync(string userId) => db.LinkEndedNotices.AnyAsync(n => n.UserId == userId);

    public Task DismissEndedAsync(string userId) => db.LinkEndedNotices.Where(n => n.UserId == userId).ExecuteDeleteAsync();

    // Each person's switches take effect on the other person's next page: nothing is copied anywhere.
    public async Task<bool> SetSharingAsync(string userId, bool finishedSteps, bool checkInTrend) =>
        await db.PairMembers.Where(m => m.UserId == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ShareFinishedSteps, finishedSteps).SetProperty(m => m.ShareCheckInTrend, checkInTrend)) == 1;

    // Account deletion: the link ends first, then every invitation the person sent or accepted goes.
    public async Task ForgetAsync(string userId)
    {
        await EndAsync(userId);
        await db.PairInvitations.Where(i => i.InviterId == userId || i.AcceptedById == userId).ExecuteDeleteAsync();
    }

    private async Task<InvitationLookup> CheckAsync(string userId, System.Linq.Expressions.Expression<Func<PairInvitation, bool>> match)
    {
        var invitation = await db.PairInvitations.AsNoTracking().Where(match)
            .Select(i => new { i.Id, i.InviterId, i.State, i.ExpiresAt, i.AcceptedById, Email = db.Users.Where(u => u.Id == i.InviterId).Select(u => u.Email).First() })
            .SingleOrDefaultAsync();
        if (invitation is null)
        {
            return new(InvitationCheck.NotFound);
        }
        var check = invitation switch
        {
            { InviterId: var inviter } when inviter == userId => InvitationCheck.OwnInvitation,
            { State: InvitationState.Revoked or InvitationState.Declined } => InvitationCheck.Withdrawn,
            { State: InvitationState.Used or InvitationState.Accepted } => InvitationCheck.AlreadyUsed,
            _ when invitation.ExpiresAt <= Now => InvitationCheck.Expired,
            _ => InvitationCheck.Valid,
        };
        if (check == InvitationCheck.Valid && await IsLinkedAsync(userId))
        {
            check = InvitationCheck.YouAreLinked;
        }
        else if (check == InvitationCheck.Valid && await IsLinkedAsync(invitation.InviterId))
        {
            check = InvitationCheck.InviterIsLinked;
        }
        return check == InvitationCheck.Valid ? new(check, invitation.Id, invitation.Email) : new(check);
    }

    // Spaces, dashes and lower case are forgiven, and the letters people mistake for digits are read as those.
    private static string? NormaliseCode(string code)
    {
        var normal = new StringBuilder();
        foreach (var c in code.ToUpperInvariant())
        {
            var read = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (CodeAlphabet.Contains(read, StringComparison.Ordinal))
            {
                normal.Append(read);
            }
            else if (c is not (' ' or '-'))
            {
                return null;
            }
        }
        return normal.Length == CodeLength ? normal.ToString() : null;
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
