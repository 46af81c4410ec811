using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Accounts;

namespace TrustAgain.Web.Data;

// The model, shared by both database providers. The app registers SqliteAppDbContext or PostgresAppDbContext as
// this type, so pages, Identity and Data Protection never need to know which one is in use.
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Reflection> Reflections => Set<Reflection>();

    public DbSet<StepProgress> Progress => Set<StepProgress>();

    public DbSet<CheckIn> CheckIns => Set<CheckIn>();

    public DbSet<UserSession> Sessions => Set<UserSession>();

    public DbSet<Commitment> Commitments => Set<Commitment>();

    public DbSet<CommitmentEntry> CommitmentEntries => Set<CommitmentEntry>();

    public DbSet<SafetyCheck> SafetyChecks => Set<SafetyCheck>();

    public DbSet<JournalSearch> JournalSearches => Set<JournalSearch>();

    public DbSet<Pair> Pairs => Set<Pair>();

    public DbSet<PairMember> PairMembers => Set<PairMember>();

    public DbSet<PairInvitation> PairInvitations => Set<PairInvitation>();

    public DbSet<Offer> Offers => Set<Offer>();

    public DbSet<DisclosureEvent> DisclosureEvents => Set<DisclosureEvent>();

    public DbSet<LinkEndedNotice> LinkEndedNotices => Set<LinkEndedNotice>();

    public DbSet<Reminder> Reminders => Set<Reminder>();

    public DbSet<ReflectionWords> ReflectionWords => Set<ReflectionWords>();

    public DbSet<JournalWord> JournalWords => Set<JournalWord>();

    public DbSet<UnindexedJournal> UnindexedJournals => Set<UnindexedJournal>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Identity builds its tables for the schema version in the app's IdentityOptions. The design-time factories
    // have no app, so they give the tools the same setting; otherwise migrations would leave out the passkey table.
    internal static IServiceProvider DesignTimeServices { get; } = new ServiceCollection()
        .Configure<IdentityOptions>(AccountSetup.ConfigureStores)
        .BuildServiceProvider();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>().Property(u => u.TimeZone).HasMaxLength(100);

        builder.Entity<Reflection>(reflection =>
        {
            reflection.Property(r => r.StepKey).HasMaxLength(100);
            reflection.Property(r => r.Prompt).HasMaxLength(500);
            reflection.Property(r => r.Version).IsConcurrencyToken();
            reflection.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            // The journal lists a person's entries newest first and pages by (CreatedAt, Id);
            // the step page lists a person's entries on one step.
            reflection.HasIndex(r => new { r.UserId, r.CreatedAt, r.Id });
            reflection.HasIndex(r => new { r.UserId, r.StepKey });
            // One entry per form: the database itself refuses a second copy when two submits of one form race.
            reflection.HasIndex(r => new { r.UserId, r.FormId }).IsUnique();
        });

        builder.Entity<CheckIn>(checkIn =>
        {
            checkIn.Property(c => c.StepKey).HasMaxLength(100);
            checkIn.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            // Insights read a person's check-ins oldest first.
            checkIn.HasIndex(c => new { c.UserId, c.CreatedAt });
        });

        builder.Entity<UserSession>(session =>
        {
            session.Property(s => s.Device).HasMaxLength(100);
            session.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            session.HasIndex(s => s.UserId);
        });

        builder.Entity<StepProgress>(progress =>
        {
            progress.HasKey(p => new { p.UserId, p.StepKey });
            progress.Property(p => p.StepKey).HasMaxLength(100);
            progress.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Commitment>(commitment =>
        {
            commitment.Property(c => c.JourneyKey).HasMaxLength(100);
            commitment.Property(c => c.StepKey).HasMaxLength(100);
            commitment.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            commitment.HasIndex(c => new { c.UserId, c.CreatedAt });
        });

        builder.Entity<CommitmentEntry>(entry =>
        {
            // Deleting a commitment, or the person (through their commitments), deletes its record.
            entry.HasOne<Commitment>().WithMany().HasForeignKey(e => e.CommitmentId).OnDelete(DeleteBehavior.Cascade);
            entry.HasIndex(e => new { e.UserId, e.CommitmentId, e.On });
        });

        builder.Entity<JournalSearch>(search =>
        {
            // Signing out (or out everywhere) and deleting the account take a session's searches with it.
            search.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            search.HasOne<UserSession>().WithMany().HasForeignKey(s => s.SessionId).OnDelete(DeleteBehavior.Cascade);
            search.HasIndex(s => new { s.UserId, s.SessionId, s.CreatedAt });
        });

        builder.Entity<Reminder>(reminder =>
        {
            reminder.HasKey(r => r.UserId);
            reminder.Property(r => r.StoppedBecause).HasMaxLength(300);
            reminder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            // Every instance looks for due reminders by this, every few seconds.
            reminder.HasIndex(r => r.NextAttemptAt);
        });

        builder.Entity<ReflectionWords>(words =>
        {
            words.HasKey(w => w.ReflectionId);
            // Deleting an entry, or the person (through their entries), deletes its index.
            words.HasOne<Reflection>().WithOne().HasForeignKey<ReflectionWords>(w => w.ReflectionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<JournalWord>(word =>
        {
            word.HasKey(w => new { w.UserId, w.Tag });
            word.HasOne<AppUser>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<UnindexedJournal>(unindexed =>
        {
            unindexed.HasKey(u => u.UserId);
            unindexed.HasOne<AppUser>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SafetyCheck>(check =>
        {
            check.Property(c => c.JourneyKey).HasMaxLength(100);
            check.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            check.HasIndex(c => new { c.UserId, c.JourneyKey }).IsUnique();
        });

        builder.Entity<PairMember>(member =>
        {
            // Keyed by the person: the database itself refuses a second pair for anyone, however requests race.
            member.HasKey(m => m.UserId);
            member.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            member.HasOne<Pair>().WithMany().HasForeignKey(m => m.PairId).OnDelete(DeleteBehavior.Cascade);
            member.HasIndex(m => m.PairId);
        });

        builder.Entity<PairInvitation>(invitation =>
        {
            invitation.Property(i => i.TokenHash).HasMaxLength(32);
            invitation.Property(i => i.CodeHash).HasMaxLength(32);
            invitation.HasOne<AppUser>().WithMany().HasForeignKey(i => i.InviterId).OnDelete(DeleteBehavior.Cascade);
            invitation.HasOne<AppUser>().WithMany().HasForeignKey(i => i.AcceptedById).OnDelete(DeleteBehavior.Cascade);
            invitation.HasIndex(i => i.TokenHash).IsUnique();
            invitation.HasIndex(i => i.CodeHash).IsUnique();
            invitation.HasIndex(i => new { i.InviterId, i.State });
        });

        builder.Entity<Offer>(offer =>
        {
            offer.Property(o => o.StepKey).HasMaxLength(100);
            offer.HasOne<Pair>().WithMany().HasForeignKey(o => o.PairId).OnDelete(DeleteBehavior.Cascade);
            // The header asks on every page whether this person has an unopened offer.
            offer.HasIndex(o => new { o.ReaderId, o.OpenedAt });
            offer.HasIndex(o => new { o.PairId, o.CreatedAt });
        });

        builder.Entity<DisclosureEvent>(record =>
        {
            record.Property(e => e.StepKey).HasMaxLength(100);
            record.HasOne<Pair>().WithMany().HasForeignKey(e => e.PairId).OnDelete(DeleteBehavior.Cascade);
            record.HasIndex(e => new { e.PairId, e.At });
        });

        builder.Entity<LinkEndedNotice>(notice =>
        {
            notice.HasKey(n => n.UserId);
            notice.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
