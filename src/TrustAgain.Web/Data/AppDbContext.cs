using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace TrustAgain.Web.Data;

// The model, shared by both database providers. The app registers SqliteAppDbContext or PostgresAppDbContext as
// this type, so pages, Identity and Data Protection never need to know which one is in use.
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Reflection> Reflections => Set<Reflection>();

    public DbSet<StepProgress> Progress => Set<StepProgress>();

    public DbSet<UserSession> Sessions => Set<UserSession>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

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
    }
}
