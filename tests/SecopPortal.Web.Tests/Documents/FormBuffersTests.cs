using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Tests.Documents;

/// <summary>
/// Where the portal has ASP.NET Core buffer uploads (ADR 0021): in its journal when it is the process, in the operator's
/// folder when ASPNETCORE_TEMP is set, untouched when hosted in-process (the crash test checks the real process).
/// </summary>
public sealed class FormBuffersTests
{
    [Theory]
    [InlineData(null, true, FormBuffers.Choice.Journal)]
    [InlineData("/srv/aspnet-temp", true, FormBuffers.Choice.Operator)]
    [InlineData("", true, FormBuffers.Choice.Operator)]
    [InlineData("/srv/aspnet-temp", false, FormBuffers.Choice.Operator)]
    [InlineData(null, false, FormBuffers.Choice.NotTheProcess)]
    public void Form_buffers_go_to_the_journal_unless_the_operator_chose_a_folder_or_the_portal_is_not_the_process(
        string? variable, bool portalIsTheProcess, FormBuffers.Choice expected) =>
        Assert.Equal(expected, FormBuffers.Decide(variable, portalIsTheProcess));
}
