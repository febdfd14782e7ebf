using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Tests.Persistence;

/// <summary>Database:Provider chooses the EF provider; the model and the migrations tell the providers apart by EF's names.</summary>
public sealed class DatabaseProviderTests
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void A_server_provider_without_a_connection_string_is_refused(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();

        var refused = Assert.Throws<OptionsValidationException>(() => DependencyInjection.ConfigureProvider(options, provider, " ", Path.GetTempPath()));

        Assert.Contains($"Database:Provider is {provider} but ConnectionStrings:Portal is empty.", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=portal.db")]
    [InlineData(DatabaseProvider.Postgres, "Host=db;Database=secop")]
    [InlineData(DatabaseProvider.SqlServer, "Server=db;Database=secop;Encrypt=True")]
    public void Each_provider_is_the_one_configured_and_names_itself_back(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DependencyInjection.ConfigureProvider(options, provider, connectionString, Path.GetTempPath());
        using var db = new PortalDbContext(options.Options);

        Assert.Equal(provider, DatabaseProviderNames.Of(db.Database.ProviderName));
        Assert.Equal(provider == DatabaseProvider.SqlServer, db.Database.IsSqlServer());
    }

    [Fact]
    public void An_unknown_EF_provider_has_no_schema()
    {
        Assert.Throws<NotSupportedException>(() => DatabaseProviderNames.Of("Microsoft.EntityFrameworkCore.InMemory"));
    }
}
