// Hand-written, provider-neutral: see the header of 20261121000000_Initial.cs and docs/adr/0003-hand-written-migrations.md.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SecopPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// An index on <c>StorageKey</c> in both tables that reference stored files, so the start-up sweep's question
/// "which of these keys does a row reference?" (<c>EfReferencedDocumentKeys.FindReferencedAsync</c>, ADR 0021) reads
/// an index per key instead of scanning tens of millions of rows at every start after a crash. Not unique: nothing
/// has promised that two rows never share a key, and the question does not need it. The columns are nvarchar(200) and
/// nvarchar(300) on SQL Server, under its 900-byte key limit, so no length change is needed there.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261203010000_StorageKeyIndexes")]
public sealed class StorageKeyIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateIndex(
            name: "IX_PaymentRequestAttachments_StorageKey",
            table: "PaymentRequestAttachments",
            column: "StorageKey");

        migrationBuilder.CreateIndex(
            name: "IX_ExecutionDocuments_StorageKey",
            table: "ExecutionDocuments",
            column: "StorageKey");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: "IX_ExecutionDocuments_StorageKey", table: "ExecutionDocuments");
        migrationBuilder.DropIndex(name: "IX_PaymentRequestAttachments_StorageKey", table: "PaymentRequestAttachments");
    }
}
