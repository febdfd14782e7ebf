using SecopPortal.Web;
using SecopPortal.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalLogging();
builder.Services.AddPortal(builder.Configuration, builder.Environment);

var app = builder.Build();
if (await CommandLine.TryRunAsync(app, args))
{
    return;
}

// Before any request: ASP.NET Core reads ASPNETCORE_TEMP once, for the first form it buffers (ADR 0021).
app.BufferInUploadJournal();
await app.PrepareDatabaseAsync();
app.UsePortalPipeline();
await app.RunAsync();

/// <summary>The entry point, visible to the test projects' WebApplicationFactory.</summary>
public partial class Program;
