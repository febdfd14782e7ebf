using System.Reflection;
using SecopPortal.Infrastructure.Documents;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// Where ASP.NET Core buffers the multipart files of the requests it receives (ADR 0021). It writes them to
/// <c>ASPNETCORE_*.tmp</c> files in the folder named by the <c>ASPNETCORE_TEMP</c> environment variable (the system temp
/// folder when unset), which it reads once, the first time a request needs a buffer, and keeps for the life of the process.
/// A process killed while receiving uploads leaves those files, users' documents (RUT, certificación bancaria), behind.
/// So the portal process points <c>ASPNETCORE_TEMP</c> at its store's upload journal
/// (<c>&lt;Storage:Root&gt;/.uploads/&lt;instance id&gt;/buffers</c>) before it serves a request: the start-up sweep removes
/// a dead instance's buffers with its journal, never a live one's, and the documents stay on the store's volume.
/// </summary>
public static partial class FormBuffers
{
    /// <summary>The environment variable ASP.NET Core reads the buffers' folder from.</summary>
    public const string VariableName = "ASPNETCORE_TEMP";

    /// <summary>What <see cref="Decide"/> chose.</summary>
    public enum Choice
    {
        /// <summary>The buffers go to the journal's folder (the variable is set to it).</summary>
        Journal,

        /// <summary>The operator set <c>ASPNETCORE_TEMP</c>: respected, and not swept.</summary>
        Operator,

        /// <summary>The portal is hosted inside another program (a test host running several portals): the variable is the process's, not this portal's.</summary>
        NotTheProcess,
    }

    /// <summary>
    /// Called at start-up, before the portal serves a request. Sets <c>ASPNETCORE_TEMP</c> to the journal's buffers folder
    /// unless the operator set it (then a warning: those buffers are not swept) or the portal is not the process (its
    /// entry assembly is another's, e.g. a test host with several portals: one process-wide folder cannot be each one's).
    /// </summary>
    public static void BufferInUploadJournal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var journal = app.Services.GetRequiredService<FileSystemDocumentStore>().Journal;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FormBuffers).FullName!);
        var set = Environment.GetEnvironmentVariable(VariableName);
        switch (Decide(set, Assembly.GetEntryAssembly() == typeof(FormBuffers).Assembly))
        {
            case Choice.Journal:
                Environment.SetEnvironmentVariable(VariableName, journal.BuffersFolder);
                LogInJournal(logger, journal.BuffersFolder);
                break;
            case Choice.Operator:
                LogOperatorFolder(logger, set!);
                break;
            default:
                LogNotTheProcess(logger);
                break;
        }
    }

    /// <summary>The decision, given the variable as the process found it and whether the portal is the process.</summary>
    public static Choice Decide(string? variable, bool portalIsTheProcess) =>
        variable is not null ? Choice.Operator : portalIsTheProcess ? Choice.Journal : Choice.NotTheProcess;

    [LoggerMessage(EventId = 4135, Level = LogLevel.Information,
        Message = "Upload form buffers go to {Folder} (ASPNETCORE_TEMP); the start-up sweep removes them if this instance dies")]
    private static partial void LogInJournal(ILogger logger, string folder);

    [LoggerMessage(EventId = 4136, Level = LogLevel.Warning,
        Message = "ASPNETCORE_TEMP is set to {Folder}: upload form buffers go there and are not swept; a killed instance leaves users' documents in it")]
    private static partial void LogOperatorFolder(ILogger logger, string folder);

    [LoggerMessage(EventId = 4137, Level = LogLevel.Debug,
        Message = "The portal is not the process (hosted in-process): ASPNETCORE_TEMP is left as it is")]
    private static partial void LogNotTheProcess(ILogger logger);
}
