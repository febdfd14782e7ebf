using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace SecopPortal.Infrastructure.Persistence.Migrations;

/// <summary>What the hand-written migrations say once for every provider (ADR 0003).</summary>
internal static class ProviderNeutral
{
    /// <summary>
    /// An int key the database numbers: an identity column on each provider. Each provider reads its own annotation and
    /// ignores the others'.
    /// </summary>
    public static OperationBuilder<AddColumnOperation> Identity(this OperationBuilder<AddColumnOperation> column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)
            .Annotation("SqlServer:Identity", "1, 1");
    }

    /// <summary>The provider the migration is being applied or scripted for.</summary>
    public static DatabaseProvider Provider(this MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        return DatabaseProviderNames.Of(migrationBuilder.ActiveProvider);
    }
}
