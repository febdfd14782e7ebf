// Hand-written, provider-neutral: see the header of 20261121000000_Initial.cs and docs/adr/0003-hand-written-migrations.md.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SecopPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// In-app notifications (the bell) and the e-mail outbox the background dispatcher delivers from, so an e-mail
/// is queued in the same transaction as the change it reports and retried until the mail server takes it.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261121010000_Notifications")]
public sealed class Notifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                RecipientId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 40, nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                Body = table.Column<string>(maxLength: 1000, nullable: false),
                LinkPath = table.Column<string>(maxLength: 300, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                ReadAtUtc = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Notifications", x => x.Id);
                table.ForeignKey(
                    name: "FK_Notifications_AspNetUsers_RecipientId",
                    column: x => x.RecipientId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "OutboxEmails",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                To = table.Column<string>(maxLength: 256, nullable: false),
                Subject = table.Column<string>(maxLength: 250, nullable: false),
                BodyText = table.Column<string>(nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                NextAttemptAtUtc = table.Column<DateTime>(nullable: false),
                SentAtUtc = table.Column<DateTime>(nullable: true),
                LastError = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OutboxEmails", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_Notifications_RecipientId_CreatedAtUtc",
            table: "Notifications",
            columns: ["RecipientId", "CreatedAtUtc"]);

        migrationBuilder.CreateIndex(
            name: "IX_Notifications_RecipientId_ReadAtUtc",
            table: "Notifications",
            columns: ["RecipientId", "ReadAtUtc"]);

        migrationBuilder.CreateIndex(
            name: "IX_OutboxEmails_SentAtUtc_NextAttemptAtUtc",
            table: "OutboxEmails",
            columns: ["SentAtUtc", "NextAttemptAtUtc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "Notifications");
        migrationBuilder.DropTable(name: "OutboxEmails");
    }
}
