// Hand-written, provider-neutral: see the header of 20261121000000_Initial.cs and docs/adr/0003-hand-written-migrations.md.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace SecopPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The administrators' changes to the national holiday list (docs/product.md §4.1): a holiday added or a holiday of
/// the laws removed, each with who made it and when, and, once undone, who undid it, when and why. Rows are never
/// deleted: the table is the audit trail. The calendar reads the changes in force at start-up and every minute.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261202000000_HolidayChanges")]
public sealed class HolidayChanges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "HolidayChanges",
            columns: table => new
            {
                // SQL Server's identity annotation too: each provider ignores the others'.
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)
                    .Annotation("SqlServer:Identity", "1, 1"),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                Date = table.Column<DateOnly>(nullable: false),
                Name = table.Column<string>(maxLength: 120, nullable: false),
                LegalBasis = table.Column<string>(maxLength: 300, nullable: false),
                MadeById = table.Column<Guid>(nullable: false),
                MadeAtUtc = table.Column<DateTime>(nullable: false),
                WithdrawnById = table.Column<Guid>(nullable: true),
                WithdrawnAtUtc = table.Column<DateTime>(nullable: true),
                WithdrawalReason = table.Column<string>(maxLength: 300, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_HolidayChanges", x => x.Id);
                table.ForeignKey(
                    name: "FK_HolidayChanges_AspNetUsers_MadeById",
                    column: x => x.MadeById,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_HolidayChanges_AspNetUsers_WithdrawnById",
                    column: x => x.WithdrawnById,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_HolidayChanges_Date",
            table: "HolidayChanges",
            column: "Date");

        migrationBuilder.CreateIndex(
            name: "IX_HolidayChanges_MadeById",
            table: "HolidayChanges",
            column: "MadeById");

        migrationBuilder.CreateIndex(
            name: "IX_HolidayChanges_WithdrawnById",
            table: "HolidayChanges",
            column: "WithdrawnById");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "HolidayChanges");
    }
}
