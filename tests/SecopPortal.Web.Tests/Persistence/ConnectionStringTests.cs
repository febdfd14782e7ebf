using Npgsql;
using SecopPortal.Infrastructure;

namespace SecopPortal.Web.Tests.Persistence;

/// <summary>
/// EF returns the connection to Npgsql's pool after every statement: without "No Reset On Close" each return costs
/// a <c>DISCARD ALL</c> round trip, and without "Max Auto Prepare" PostgreSQL plans every statement of every page
/// again (both seen in the benchmark). A setting the connection string makes itself always wins.
/// </summary>
public sealed class ConnectionStringTests
{
    [Fact]
    public void The_pool_reset_is_off_and_statements_are_prepared_when_the_connection_string_does_not_say()
    {
        var result = new NpgsqlConnectionStringBuilder(DependencyInjection.WithPortalDefaults("Host=db;Username=portal;Password=x;Database=secop"));

        Assert.True(result.NoResetOnClose);
        Assert.Equal(DependencyInjection.AutoPreparedStatements, result.MaxAutoPrepare);
        Assert.Equal("db", result.Host);
        Assert.Equal("secop", result.Database);
        Assert.Equal("portal", result.Username);
    }

    [Theory]
    [InlineData("Host=db;Database=secop;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;Database=secop;NoResetOnClose=false;MaxAutoPrepare=0")]
    [InlineData("Host=db;Database=secop;no reset on close=False;max auto prepare=0")]
    public void Explicit_settings_in_the_connection_string_win(string connectionString)
    {
        Assert.Equal(connectionString, DependencyInjection.WithPortalDefaults(connectionString));
        var result = new NpgsqlConnectionStringBuilder(DependencyInjection.WithPortalDefaults(connectionString));
        Assert.False(result.NoResetOnClose);
        Assert.Equal(0, result.MaxAutoPrepare);
    }

    [Fact]
    public void Each_setting_is_defaulted_on_its_own()
    {
        var result = new NpgsqlConnectionStringBuilder(DependencyInjection.WithPortalDefaults("Host=db;Database=secop;Max Auto Prepare=10"));

        Assert.True(result.NoResetOnClose);
        Assert.Equal(10, result.MaxAutoPrepare);
    }
}
