using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SecopPortal.Domain.Calendar;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.Entities;
using SecopPortal.Domain.Notifications;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Auditing;
using SecopPortal.Infrastructure.Identity;

namespace SecopPortal.Infrastructure.Persistence;

/// <summary>The unit of work: Identity's tables plus the portal's aggregates.</summary>
public sealed partial class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<PublicEntity> PublicEntities => Set<PublicEntity>();

    public DbSet<Contract> Contracts => Set<Contract>();

    public DbSet<ExecutionDocument> ExecutionDocuments => Set<ExecutionDocument>();

    public DbSet<PaymentRequest> PaymentRequests => Set<PaymentRequest>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<HolidayChange> HolidayChanges => Set<HolidayChange>();

    /// <summary>The append-only audit log (ADR 0020): add entries, never update or remove them.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RenewConcurrencyStamps();
        var revoked = UsersWhoseSessionsEnd();
        var audit = AuditFacts();
        if (revoked.Count == 0 && audit.IsEmpty)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        if (revoked.Count > 0)
        {
            UserSessions.Where(s => revoked.Contains(s.UserId)).ExecuteDelete();
        }

        if (!audit.IsEmpty)
        {
            // After the change's own save, so the new contract's or request's id is known; same transaction.
            AuditEntries.AddRange(audit.Write(audit.NeedsRoleNames ? RoleNames(audit.RoleIds) : []));
            base.SaveChanges(acceptAllChangesOnSuccess);
        }

        transaction?.Commit();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RenewConcurrencyStamps();
        var revoked = UsersWhoseSessionsEnd();
        var audit = AuditFacts();
        if (revoked.Count == 0 && audit.IsEmpty)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (revoked.Count > 0)
        {
            await UserSessions.Where(s => revoked.Contains(s.UserId)).ExecuteDeleteAsync(cancellationToken);
        }

        if (!audit.IsEmpty)
        {
            // After the change's own save, so the new contract's or request's id is known; same transaction.
            AuditEntries.AddRange(audit.Write(audit.NeedsRoleNames ? await RoleNamesAsync(audit.RoleIds, cancellationToken) : []));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return saved;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        SearchColumns.Apply(builder, DatabaseProviderNames.Of(Database.ProviderName));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Instants are UTC everywhere; SQLite hands them back unspecified, PostgreSQL refuses local ones.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    /// <summary>
    /// The users whose open sessions must end with this save: a new security stamp (password change, deactivation,
    /// Identity's own renewals) or a role gained or lost (the session carries the roles). Their session rows are
    /// deleted in the same transaction, so every instance refuses the old cookie on its next request.
    /// </summary>
    private List<Guid> UsersWhoseSessionsEnd()
    {
        // One pass over the tracked entries (each Entries() call runs DetectChanges again).
        var ending = new HashSet<Guid>();
        var added = new HashSet<Guid>();
        foreach (var entry in ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case ApplicationUser user when entry.State == EntityState.Added:
                    added.Add(user.Id);
                    break;
                case ApplicationUser user when entry.State == EntityState.Modified
                                               && !string.Equals(entry.OriginalValues.GetValue<string?>(nameof(ApplicationUser.SecurityStamp)), user.SecurityStamp, StringComparison.Ordinal):
                    ending.Add(user.Id);
                    break;
                case IdentityUserRole<Guid> role when entry.State is EntityState.Added or EntityState.Deleted:
                    ending.Add(role.UserId);
                    break;
            }
        }

        ending.ExceptWith(added);
        return [.. ending];
    }

    /// <summary>
    /// Every update of a concurrency-stamped aggregate, or of anything it owns, gets a new stamp; the
    /// UPDATE is conditioned on the old one, so the second of two concurrent writers fails.
    /// </summary>
    private void RenewConcurrencyStamps()
    {
        foreach (var entry in ChangeTracker.Entries<IConcurrencyStamped>())
        {
            if (entry.State == EntityState.Modified || HasChangedChildren(entry.Entity))
            {
                entry.Entity.RenewConcurrencyStamp();
                if (entry.State == EntityState.Unchanged)
                {
                    entry.State = EntityState.Modified;
                }
            }
        }
    }

    private bool HasChangedChildren(IConcurrencyStamped aggregate)
    {
        if (aggregate is not PaymentRequest request)
        {
            return false;
        }

        return ChangeTracker.Entries<Attachment>()
                   .Any(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified
                             && Equals(e.Property("PaymentRequestId").CurrentValue, request.Id))
               || ChangeTracker.Entries<PaymentRequestTransition>()
                   .Any(e => e.State == EntityState.Added
                             && Equals(e.Property("PaymentRequestId").CurrentValue, request.Id));
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
