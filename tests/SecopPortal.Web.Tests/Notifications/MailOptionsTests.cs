using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure.Mail;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Notifications;

/// <summary>The "Mail" settings are checked when the portal starts, and only demand a server when mail is on.</summary>
public sealed class MailOptionsTests
{
    private static readonly MailOptionsValidator Validator = new();

    [Fact]
    public void Mail_off_by_default_needs_nothing_else()
    {
        var options = new MailOptions();

        Assert.Equal(MailDelivery.Off, options.Delivery);
        Assert.True(Validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Mail_on_needs_a_host_and_a_valid_sender()
    {
        var result = Validator.Validate(null, new MailOptions { Enabled = true, From = "no es un correo" });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Mail:Host", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Mail:From", StringComparison.Ordinal));
    }

    [Fact]
    public void A_user_name_without_its_password_is_refused_and_says_where_the_password_goes()
    {
        var result = Validator.Validate(null, new MailOptions { Enabled = true, Host = "smtp.secop.test", UserName = "portal" });

        Assert.Contains(result.Failures!, f => f.Contains("Mail__Password", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pickup_directory_wins_over_smtp_and_needs_no_host()
    {
        var options = new MailOptions { Enabled = true, PickupDirectory = "data/mail" };

        Assert.Equal(MailDelivery.PickupDirectory, options.Delivery);
        Assert.True(Validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public async Task The_portal_does_not_start_with_mail_on_and_no_server()
    {
        var settings = new Dictionary<string, string?> { ["Mail:Enabled"] = "true", ["Mail:Host"] = string.Empty };

        var error = await Record.ExceptionAsync(async () => await (await PortalFactory.CreateAsync(TestDatabase.Sqlite, settings: settings)).DisposeAsync());

        var validation = Assert.IsType<OptionsValidationException>(error is AggregateException aggregate ? aggregate.InnerException : error);
        Assert.Contains(validation.Failures, f => f.Contains("Mail:Host is required", StringComparison.Ordinal));
    }
}
