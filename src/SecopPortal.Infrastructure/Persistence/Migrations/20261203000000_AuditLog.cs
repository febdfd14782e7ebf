// Hand-written, provider-neutral: see the header of 20261121000000_Initial.cs and docs/adr/0003-hand-written-migrations.md.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SecopPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The append-only audit log (docs/adr/0020-audit-log.md): one row per sign-in, user, role, contract and payment-request
/// change and personal-document download. No foreign keys (an entry outlives a deleted payment request); one index per
/// filter of the admin screen, each ending in (OccurredAtUtc, Id) for keyset pages newest first. Each provider gets
/// triggers that refuse UPDATE and DELETE on the table (and TRUNCATE on PostgreSQL), so not even SQL typed by hand
/// through the portal's own connection can rewrite the log.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261203000000_AuditLog")]
public sealed class AuditLog : Migration
{
    /// <summary>The message every provider's trigger raises (ASCII: it travels through three SQL dialects).</summary>
    public const string RefusalMessage = "AuditEntries is append-only: UPDATE and DELETE are refused";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Identity(),
                OccurredAtUtc = table.Column<DateTime>(nullable: false),
                Kind = table.Column<string>(maxLength: 40, nullable: false),
                ActorId = table.Column<Guid>(nullable: true),
                ActorEmail = table.Column<string>(maxLength: 256, nullable: true),
                ClientAddress = table.Column<string>(maxLength: 45, nullable: true),
                ContractId = table.Column<int>(nullable: true),
                PaymentRequestId = table.Column<int>(nullable: true),
                SubjectUserId = table.Column<Guid>(nullable: true),
                Detail = table.Column<string>(maxLength: 1000, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Id));

        migrationBuilder.CreateIndex(name: "IX_AuditEntries_OccurredAtUtc_Id", table: "AuditEntries", columns: ["OccurredAtUtc", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_ActorId_OccurredAtUtc_Id", table: "AuditEntries", columns: ["ActorId", "OccurredAtUtc", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_SubjectUserId_OccurredAtUtc_Id", table: "AuditEntries", columns: ["SubjectUserId", "OccurredAtUtc", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_ContractId_OccurredAtUtc_Id", table: "AuditEntries", columns: ["ContractId", "OccurredAtUtc", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_Kind_OccurredAtUtc_Id", table: "AuditEntries", columns: ["Kind", "OccurredAtUtc", "Id"]);

        switch (migrationBuilder.Provider())
        {
            case DatabaseProvider.Sqlite:
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
                    BEGIN SELECT RAISE(ABORT, '{RefusalMessage}'); END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
                    BEGIN SELECT RAISE(ABORT, '{RefusalMessage}'); END;
                    """);
                break;
            case DatabaseProvider.Postgres:
                migrationBuilder.Sql($"""
                    CREATE FUNCTION audit_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        RAISE EXCEPTION '{RefusalMessage} (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
                    END
                    $$;
                    """);
                migrationBuilder.Sql("""
                    CREATE TRIGGER "AuditEntries_append_only" BEFORE UPDATE OR DELETE ON "AuditEntries"
                    FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_change();
                    """);
                migrationBuilder.Sql("""
                    CREATE TRIGGER "AuditEntries_no_truncate" BEFORE TRUNCATE ON "AuditEntries"
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse_change();
                    """);
                break;
            case DatabaseProvider.SqlServer:
                migrationBuilder.Sql($"""
                    CREATE TRIGGER [AuditEntries_append_only] ON [AuditEntries] INSTEAD OF UPDATE, DELETE
                    AS
                    BEGIN
                        SET NOCOUNT ON;
                        THROW 50020, N'{RefusalMessage}', 1;
                    END
                    """);
                break;
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        // Dropping the table drops its triggers on every provider; PostgreSQL's function is the one thing left.
        migrationBuilder.DropTable(name: "AuditEntries");
        if (migrationBuilder.Provider() == DatabaseProvider.Postgres)
        {
            migrationBuilder.Sql("DROP FUNCTION audit_entries_refuse_change();");
        }
    }
}
