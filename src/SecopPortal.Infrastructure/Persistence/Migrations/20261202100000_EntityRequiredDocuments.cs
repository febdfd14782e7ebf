// Hand-written, provider-neutral: see the header of 20261121000000_Initial.cs and docs/adr/0003-hand-written-migrations.md.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SecopPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The documents each Entidad Estatal asks for on the first payment of a contract and on each later one
/// (docs/product.md §9): two lists of document types, empty (null) while the entity follows the portal's default
/// rules, so every existing entity keeps today's rules.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261202100000_EntityRequiredDocuments")]
public sealed class EntityRequiredDocuments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>(name: "FirstPaymentDocuments", table: "PublicEntities", maxLength: 400, nullable: true);
        migrationBuilder.AddColumn<string>(name: "LaterPaymentDocuments", table: "PublicEntities", maxLength: 400, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "LaterPaymentDocuments", table: "PublicEntities");
        migrationBuilder.DropColumn(name: "FirstPaymentDocuments", table: "PublicEntities");
    }
}
