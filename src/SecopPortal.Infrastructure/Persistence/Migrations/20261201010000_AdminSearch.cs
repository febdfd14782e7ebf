// Hand-written, provider-neutral: see the header of 20261121000000_Initial.cs and docs/adr/0003-hand-written-migrations.md.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SecopPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The admin lists at national size (about 20,000 entities, 1.5 million users, 2 million contracts): every search
/// and every list order the lists offer is read from an index, a page at a time (see <see cref="SearchColumns"/>).
/// <list type="bullet">
/// <item>Folded names (users' full names, entities' names), computed by the database from the name, so existing
/// rows are filled by the migration itself and every later write keeps them in step.</item>
/// <item>On PostgreSQL, the columns searched by prefix (folded names, e-mail, document number, NIT, contract
/// number) compare byte by byte (collation "C"), so one btree index serves the prefix and the list's order.
/// SQLite's default collation already does; there the ALTERs are skipped. SQL Server has its binary collation on
/// these columns from the Initial migration (no SQL Server database predates this one); here only the folded
/// names get it.</item>
/// <item>Indexes for the list orders and the filters: users by name and by document; entities by name; contracts
/// by signature date (alone, within a state, within an entity) and by number.</item>
/// </list>
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201010000_AdminSearch")]
public sealed class AdminSearch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var provider = migrationBuilder.Provider();
        var postgres = provider == DatabaseProvider.Postgres;
        var collation = SearchColumns.PrefixCollation(provider);

        // PostgreSQL and SQL Server store the folded name (PostgreSQL's generated columns are stored ones); SQLite can
        // only add a virtual one, whose value its index keeps.
        migrationBuilder.AddColumn<string>(
            name: "NormalizedFullName",
            table: "AspNetUsers",
            maxLength: 150,
            nullable: true,
            collation: collation,
            computedColumnSql: SearchColumns.FoldedColumnSql(provider, "FullName", 150),
            stored: SearchColumns.StoresFolded(provider));

        migrationBuilder.AddColumn<string>(
            name: "NormalizedName",
            table: "PublicEntities",
            maxLength: 200,
            nullable: true,
            collation: collation,
            computedColumnSql: SearchColumns.FoldedColumnSql(provider, "Name", 200),
            stored: SearchColumns.StoresFolded(provider));

        if (postgres)
        {
            // Only the collation changes; PostgreSQL rebuilds the indexes on these columns.
            migrationBuilder.AlterColumn<string>(
                name: "NormalizedEmail", table: "AspNetUsers", maxLength: 256, nullable: true, collation: collation,
                oldMaxLength: 256, oldNullable: true);
            migrationBuilder.AlterColumn<string>(
                name: "DocumentNumber", table: "AspNetUsers", maxLength: 20, nullable: true, collation: collation,
                oldMaxLength: 20, oldNullable: true);
            migrationBuilder.AlterColumn<string>(
                name: "Nit", table: "PublicEntities", maxLength: 20, nullable: false, collation: collation,
                oldMaxLength: 20, oldNullable: false);
            migrationBuilder.AlterColumn<string>(
                name: "Number", table: "Contracts", maxLength: 50, nullable: false, collation: collation,
                oldMaxLength: 50, oldNullable: false);
        }

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUsers_NormalizedFullName_Id",
            table: "AspNetUsers",
            columns: ["NormalizedFullName", "Id"]);

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUsers_DocumentNumber_Id",
            table: "AspNetUsers",
            columns: ["DocumentNumber", "Id"]);

        migrationBuilder.CreateIndex(
            name: "IX_PublicEntities_NormalizedName_Id",
            table: "PublicEntities",
            columns: ["NormalizedName", "Id"]);

        migrationBuilder.CreateIndex(
            name: "IX_Contracts_SignedOn_Id",
            table: "Contracts",
            columns: ["SignedOn", "Id"]);

        migrationBuilder.CreateIndex(
            name: "IX_Contracts_Status_SignedOn_Id",
            table: "Contracts",
            columns: ["Status", "SignedOn", "Id"]);

        migrationBuilder.CreateIndex(
            name: "IX_Contracts_EntityId_SignedOn_Id",
            table: "Contracts",
            columns: ["EntityId", "SignedOn", "Id"]);

        migrationBuilder.CreateIndex(
            name: "IX_Contracts_Number_Id",
            table: "Contracts",
            columns: ["Number", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var postgres = migrationBuilder.Provider() == DatabaseProvider.Postgres;

        migrationBuilder.DropIndex(name: "IX_Contracts_Number_Id", table: "Contracts");
        migrationBuilder.DropIndex(name: "IX_Contracts_EntityId_SignedOn_Id", table: "Contracts");
        migrationBuilder.DropIndex(name: "IX_Contracts_Status_SignedOn_Id", table: "Contracts");
        migrationBuilder.DropIndex(name: "IX_Contracts_SignedOn_Id", table: "Contracts");
        migrationBuilder.DropIndex(name: "IX_PublicEntities_NormalizedName_Id", table: "PublicEntities");
        migrationBuilder.DropIndex(name: "IX_AspNetUsers_DocumentNumber_Id", table: "AspNetUsers");
        migrationBuilder.DropIndex(name: "IX_AspNetUsers_NormalizedFullName_Id", table: "AspNetUsers");

        if (postgres)
        {
            var collation = SearchColumns.PostgresCollation;
            migrationBuilder.AlterColumn<string>(
                name: "Number", table: "Contracts", maxLength: 50, nullable: false,
                oldMaxLength: 50, oldNullable: false, oldCollation: collation);
            migrationBuilder.AlterColumn<string>(
                name: "Nit", table: "PublicEntities", maxLength: 20, nullable: false,
                oldMaxLength: 20, oldNullable: false, oldCollation: collation);
            migrationBuilder.AlterColumn<string>(
                name: "DocumentNumber", table: "AspNetUsers", maxLength: 20, nullable: true,
                oldMaxLength: 20, oldNullable: true, oldCollation: collation);
            migrationBuilder.AlterColumn<string>(
                name: "NormalizedEmail", table: "AspNetUsers", maxLength: 256, nullable: true,
                oldMaxLength: 256, oldNullable: true, oldCollation: collation);
        }

        migrationBuilder.DropColumn(name: "NormalizedName", table: "PublicEntities");
        migrationBuilder.DropColumn(name: "NormalizedFullName", table: "AspNetUsers");
    }
}
