// Migrations are written by hand and there is no model snapshot (ADR 0003: the design-time package could not be
// restored when they were started; one migration history is kept since).
//
// To add the next migration:
//   1. Change the model (entity + its Configurations/<Entity>Configuration.cs).
//   2. Add Migrations/<yyyyMMddHHmmss>_<Name>.cs: a `Migration` subclass with
//      [DbContext(typeof(PortalDbContext))] and [Migration("<yyyyMMddHHmmss>_<Name>")], the id sorting after the
//      previous one, whose Up makes the change with MigrationBuilder (AddColumn, CreateIndex, ...) and whose Down
//      undoes it.
//   3. Stay provider-neutral: one migration serves SQLite, PostgreSQL and SQL Server. Omit `type:` so each provider
//      derives the store type from the CLR type and the facets (maxLength, fixedLength, precision, scale); mark new
//      int identity keys `.Identity()` (ProviderNeutral.cs), as below. Anything provider-specific goes behind
//      `migrationBuilder.Provider()`: on SQL Server an indexed string needs a length, a prefix-searched column its
//      collation, a unique index a filter ("[Column] IS NOT NULL" on nullable columns, empty on NOT NULL ones).
//   4. Run SchemaTests and SqlServerSchemaTests (tests/SecopPortal.Web.Tests/Persistence): the first compares the
//      migrated schema with the one EnsureCreated builds from the model on SQLite and PostgreSQL, the second the
//      migrations' SQL Server operations with the model's, offline; both print every difference. A model change
//      without its migration fails there. See docs/adr/0003-hand-written-migrations.md.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SecopPortal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The whole schema as of the first release: ASP.NET Core Identity (Guid keys), public entities, contracts,
/// execution documents and payment requests with their attachments and history.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261121000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        // SQL Server (supported from the start, so no ALTER later): string key columns need a length (it cannot index
        // nvarchar(max); EF's key default is 450), the columns searched by prefix get their byte-order collation here
        // instead of in AdminSearch, and a unique index on a nullable column lets many NULLs in only with a filter.
        var sqlServer = migrationBuilder.Provider() == DatabaseProvider.SqlServer;
        int? keyLength = sqlServer ? 450 : null;
        var prefixCollation = sqlServer ? SearchColumns.SqlServerCollation : null;

        // And a unique index on NOT NULL columns says so with an empty filter: a migration has no target model, so EF's
        // SQL Server generator cannot see the columns are NOT NULL and would add its pre-2.0 "IS NOT NULL" filter.
        var unfiltered = sqlServer ? string.Empty : null;

        migrationBuilder.CreateTable(
            name: "AspNetRoles",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedName = table.Column<string>(maxLength: 256, nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoles", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                FullName = table.Column<string>(maxLength: 150, nullable: false),
                PersonType = table.Column<string>(maxLength: 40, nullable: true),
                DocumentType = table.Column<string>(maxLength: 40, nullable: true),
                DocumentNumber = table.Column<string>(maxLength: 20, nullable: true, collation: prefixCollation),
                IsActive = table.Column<bool>(nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                UserName = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(maxLength: 256, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(maxLength: 256, nullable: true, collation: prefixCollation),
                EmailConfirmed = table.Column<bool>(nullable: false),
                PasswordHash = table.Column<string>(nullable: true),
                SecurityStamp = table.Column<string>(nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
                PhoneNumber = table.Column<string>(nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUsers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "PublicEntities",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Nit = table.Column<string>(maxLength: 20, nullable: false, collation: prefixCollation),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PublicEntities", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetRoleClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                RoleId = table.Column<Guid>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                table.ForeignKey(
                    name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                    column: x => x.RoleId,
                    principalTable: "AspNetRoles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                UserId = table.Column<Guid>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey(
                    name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(maxLength: keyLength, nullable: false),
                ProviderKey = table.Column<string>(maxLength: keyLength, nullable: false),
                ProviderDisplayName = table.Column<string>(nullable: true),
                UserId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey(
                    name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserRoles",
            columns: table => new
            {
                UserId = table.Column<Guid>(nullable: false),
                RoleId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey(
                    name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                    column: x => x.RoleId,
                    principalTable: "AspNetRoles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<Guid>(nullable: false),
                LoginProvider = table.Column<string>(maxLength: keyLength, nullable: false),
                Name = table.Column<string>(maxLength: keyLength, nullable: false),
                Value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey(
                    name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Contracts",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                EntityId = table.Column<int>(nullable: false),
                Number = table.Column<string>(maxLength: 50, nullable: false, collation: prefixCollation),
                Purpose = table.Column<string>(maxLength: 2000, nullable: false),
                Type = table.Column<string>(maxLength: 40, nullable: false),
                Modality = table.Column<string>(maxLength: 40, nullable: false),
                TotalValue = table.Column<decimal>(precision: 18, scale: 2, nullable: false),
                MonthlyFee = table.Column<decimal>(precision: 18, scale: 2, nullable: true),
                SignedOn = table.Column<DateOnly>(nullable: false),
                StartsOn = table.Column<DateOnly>(nullable: false),
                EndsOn = table.Column<DateOnly>(nullable: false),
                CdpNumber = table.Column<string>(maxLength: 30, nullable: true),
                RpNumber = table.Column<string>(maxLength: 30, nullable: true),
                Status = table.Column<string>(maxLength: 40, nullable: false),
                RequiresElectronicInvoice = table.Column<bool>(nullable: false),
                ContractorId = table.Column<Guid>(nullable: false),
                ContractorPersonType = table.Column<string>(maxLength: 40, nullable: false),
                SupervisorId = table.Column<Guid>(nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                ConcurrencyStamp = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Contracts", x => x.Id);
                table.ForeignKey(
                    name: "FK_Contracts_AspNetUsers_ContractorId",
                    column: x => x.ContractorId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Contracts_AspNetUsers_SupervisorId",
                    column: x => x.SupervisorId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Contracts_PublicEntities_EntityId",
                    column: x => x.EntityId,
                    principalTable: "PublicEntities",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ExecutionDocuments",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                ContractId = table.Column<int>(nullable: false),
                Description = table.Column<string>(maxLength: 500, nullable: false),
                FileName = table.Column<string>(maxLength: 255, nullable: false),
                ContentType = table.Column<string>(maxLength: 100, nullable: false),
                SizeBytes = table.Column<long>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, fixedLength: true, nullable: false),
                StorageKey = table.Column<string>(maxLength: 200, nullable: false),
                UploadedById = table.Column<Guid>(nullable: false),
                UploaderSide = table.Column<string>(maxLength: 20, nullable: false),
                UploadedAtUtc = table.Column<DateTime>(nullable: false),
                IsPublished = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ExecutionDocuments", x => x.Id);
                table.ForeignKey(
                    name: "FK_ExecutionDocuments_AspNetUsers_UploadedById",
                    column: x => x.UploadedById,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ExecutionDocuments_Contracts_ContractId",
                    column: x => x.ContractId,
                    principalTable: "Contracts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PaymentRequests",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                ContractId = table.Column<int>(nullable: false),
                Sequence = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: 40, nullable: false),
                ContractorId = table.Column<Guid>(nullable: false),
                IssuesElectronicInvoice = table.Column<bool>(nullable: false),
                Cufe = table.Column<string>(maxLength: 96, nullable: true),
                InvoiceNumber = table.Column<string>(maxLength: 50, nullable: true),
                PeriodFrom = table.Column<DateOnly>(nullable: true),
                PeriodTo = table.Column<DateOnly>(nullable: true),
                IssuedOn = table.Column<DateOnly>(nullable: true),
                DueOn = table.Column<DateOnly>(nullable: true),
                ReceivedOn = table.Column<DateOnly>(nullable: true),
                FilingNumber = table.Column<string>(maxLength: 50, nullable: true),
                NetValue = table.Column<decimal>(precision: 18, scale: 2, nullable: true),
                TotalValue = table.Column<decimal>(precision: 18, scale: 2, nullable: true),
                Notes = table.Column<string>(maxLength: 2000, nullable: true),
                PilaNumber = table.Column<string>(maxLength: 20, nullable: true),
                PilaPaidOn = table.Column<DateOnly>(nullable: true),
                RejectionReason = table.Column<string>(maxLength: 2000, nullable: true),
                ApprovedRpNumber = table.Column<string>(maxLength: 30, nullable: true),
                PaidOn = table.Column<DateOnly>(nullable: true),
                SendCount = table.Column<int>(nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
                ConcurrencyStamp = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PaymentRequests", x => x.Id);
                table.ForeignKey(
                    name: "FK_PaymentRequests_AspNetUsers_ContractorId",
                    column: x => x.ContractorId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_PaymentRequests_Contracts_ContractId",
                    column: x => x.ContractId,
                    principalTable: "Contracts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "PaymentRequestAttachments",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                Type = table.Column<string>(maxLength: 40, nullable: false),
                FileName = table.Column<string>(maxLength: 255, nullable: false),
                ContentType = table.Column<string>(maxLength: 100, nullable: false),
                SizeBytes = table.Column<long>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, fixedLength: true, nullable: false),
                StorageKey = table.Column<string>(maxLength: 300, nullable: false),
                Description = table.Column<string>(maxLength: 500, nullable: true),
                UploadedAtUtc = table.Column<DateTime>(nullable: false),
                UploadedById = table.Column<Guid>(nullable: false),
                PaymentRequestId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PaymentRequestAttachments", x => x.Id);
                table.ForeignKey(
                    name: "FK_PaymentRequestAttachments_AspNetUsers_UploadedById",
                    column: x => x.UploadedById,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_PaymentRequestAttachments_PaymentRequests_PaymentRequestId",
                    column: x => x.PaymentRequestId,
                    principalTable: "PaymentRequests",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PaymentRequestTransitions",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                AtUtc = table.Column<DateTime>(nullable: false),
                ByUserId = table.Column<Guid>(nullable: false),
                From = table.Column<string>(maxLength: 40, nullable: true),
                To = table.Column<string>(maxLength: 40, nullable: false),
                Action = table.Column<string>(maxLength: 40, nullable: false),
                Reason = table.Column<string>(maxLength: 2000, nullable: true),
                PaymentRequestId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PaymentRequestTransitions", x => x.Id);
                table.ForeignKey(
                    name: "FK_PaymentRequestTransitions_AspNetUsers_ByUserId",
                    column: x => x.ByUserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_PaymentRequestTransitions_PaymentRequests_PaymentRequestId",
                    column: x => x.PaymentRequestId,
                    principalTable: "PaymentRequests",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "RoleNameIndex",
            table: "AspNetRoles",
            column: "NormalizedName",
            unique: true,
            filter: sqlServer ? "[NormalizedName] IS NOT NULL" : null);

        migrationBuilder.CreateIndex(
            name: "EmailIndex",
            table: "AspNetUsers",
            column: "NormalizedEmail");

        migrationBuilder.CreateIndex(
            name: "UserNameIndex",
            table: "AspNetUsers",
            column: "NormalizedUserName",
            unique: true,
            filter: sqlServer ? "[NormalizedUserName] IS NOT NULL" : null);

        migrationBuilder.CreateIndex(
            name: "IX_PublicEntities_Nit",
            table: "PublicEntities",
            column: "Nit",
            unique: true,
            filter: unfiltered);

        migrationBuilder.CreateIndex(
            name: "IX_AspNetRoleClaims_RoleId",
            table: "AspNetRoleClaims",
            column: "RoleId");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserClaims_UserId",
            table: "AspNetUserClaims",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserLogins_UserId",
            table: "AspNetUserLogins",
            column: "UserId");

        migrationBuilder.CreateIndex(
            name: "IX_AspNetUserRoles_RoleId",
            table: "AspNetUserRoles",
            column: "RoleId");

        migrationBuilder.CreateIndex(
            name: "IX_Contracts_ContractorId_Status",
            table: "Contracts",
            columns: ["ContractorId", "Status"]);

        migrationBuilder.CreateIndex(
            name: "IX_Contracts_EntityId_Number",
            table: "Contracts",
            columns: ["EntityId", "Number"],
            unique: true,
            filter: unfiltered);

        migrationBuilder.CreateIndex(
            name: "IX_Contracts_SupervisorId_Status",
            table: "Contracts",
            columns: ["SupervisorId", "Status"]);

        migrationBuilder.CreateIndex(
            name: "IX_ExecutionDocuments_ContractId_UploadedAtUtc",
            table: "ExecutionDocuments",
            columns: ["ContractId", "UploadedAtUtc"]);

        migrationBuilder.CreateIndex(
            name: "IX_ExecutionDocuments_UploadedById",
            table: "ExecutionDocuments",
            column: "UploadedById");

        migrationBuilder.CreateIndex(
            name: "IX_PaymentRequests_ContractId_Sequence",
            table: "PaymentRequests",
            columns: ["ContractId", "Sequence"],
            unique: true,
            filter: unfiltered);

        migrationBuilder.CreateIndex(
            name: "IX_PaymentRequests_ContractorId",
            table: "PaymentRequests",
            column: "ContractorId");

        migrationBuilder.CreateIndex(
            name: "IX_PaymentRequests_Cufe",
            table: "PaymentRequests",
            column: "Cufe");

        migrationBuilder.CreateIndex(
            name: "IX_PaymentRequests_Status_UpdatedAtUtc",
            table: "PaymentRequests",
            columns: ["Status", "UpdatedAtUtc"]);

        migrationBuilder.CreateIndex(
            name: "IX_PaymentRequestAttachments_PaymentRequestId",
            table: "PaymentRequestAttachments",
            column: "PaymentRequestId");

        migrationBuilder.CreateIndex(
            name: "IX_PaymentRequestAttachments_UploadedById",
            table: "PaymentRequestAttachments",
            column: "UploadedById");

        migrationBuilder.CreateIndex(
            name: "IX_PaymentRequestTransitions_ByUserId",
            table: "PaymentRequestTransitions",
            column: "ByUserId");

        migrationBuilder.CreateIndex(
            name: "IX_PaymentRequestTransitions_PaymentRequestId",
            table: "PaymentRequestTransitions",
            column: "PaymentRequestId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        // Dependents first, so no foreign key is left pointing at a dropped table.
        migrationBuilder.DropTable(name: "AspNetRoleClaims");
        migrationBuilder.DropTable(name: "AspNetUserClaims");
        migrationBuilder.DropTable(name: "AspNetUserLogins");
        migrationBuilder.DropTable(name: "AspNetUserRoles");
        migrationBuilder.DropTable(name: "AspNetUserTokens");
        migrationBuilder.DropTable(name: "ExecutionDocuments");
        migrationBuilder.DropTable(name: "PaymentRequestAttachments");
        migrationBuilder.DropTable(name: "PaymentRequestTransitions");
        migrationBuilder.DropTable(name: "AspNetRoles");
        migrationBuilder.DropTable(name: "PaymentRequests");
        migrationBuilder.DropTable(name: "Contracts");
        migrationBuilder.DropTable(name: "AspNetUsers");
        migrationBuilder.DropTable(name: "PublicEntities");
    }
}
