using Npgsql;
using SecopPortal.Infrastructure;

namespace SecopPortal.Web.Tests.Persistence;

/// <summary>
/// EF returns the connection to Npgsql's pool after every statement; without this setting each return costs a
/// <c>DISCARD ALL</c> round trip, doubling a page's statements (seen in the benchmark's pg_stat_statements).
/// </summary>
public sealed class ConnectionStringTests
{
    [Fact]
    public void The_pool_reset_is_turned_off_when_the_connection_string_does_not_mention_it()
    {
        var result = new NpgsqlConnectionStringBuilder(DependencyInjection.WithoutPoolReset("Host=db;Username=portal;Password=x;Database=secop"));

        Assert.True(result.NoResetOnClose);
        Assert.Equal("db", result.Host);
        Assert.Equal("secop", result.Database);
    }

    [Theory]
    [InlineData("Host=db;Database=secop;No Reset On Close=false")]
    [InlineData("Host=db;Database=secop;NoResetOnClose=false")]
    [InlineData("Host=db;Database=secop;no reset on close=False")]
    public void An_explicit_setting_in_the_connection_string_wins(string connectionString)
    {
        Assert.Equal(connectionString, DependencyInjection.WithoutPoolReset(connectionString));
        Assert.False(new NpgsqlConnectionStringBuilder(DependencyInjection.WithoutPoolReset(connectionString)).NoResetOnClose);
    }
}
