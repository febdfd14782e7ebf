using Npgsql;
using SecopPortal.Bench.Baseline;

// The benchmark's baseline: the reads of the portal's benchmarked pages written by hand (one round trip each, NpgsqlBatch),
// rendered with a StringBuilder into the same tables, no authentication, no middleware beyond routing.
// Connection string: --connection "…" or BENCH_BASELINE_CONNECTION.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = builder.Configuration["connection"]
    ?? Environment.GetEnvironmentVariable("BENCH_BASELINE_CONNECTION")
    ?? throw new InvalidOperationException("Give the database as --connection \"Host=…\" or BENCH_BASELINE_CONNECTION.");
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
builder.Services.AddSingleton<BaselinePages>();
builder.Services.AddSingleton<BaselineOpenData>();
builder.Services.AddSingleton<BaselineAudit>();

var app = builder.Build();
app.MapGet("/health", () => "ok");
app.MapGet("/detail/{id:int}", (int id, Guid viewer, BaselinePages pages, CancellationToken ct) => pages.DetailAsync(id, viewer, ct));
app.MapGet("/inbox/{supervisorId:guid}", (Guid supervisorId, BaselinePages pages, CancellationToken ct) => pages.InboxAsync(supervisorId, ct));
app.MapGet("/contracts/{contractorId:guid}", (Guid contractorId, BaselinePages pages, CancellationToken ct) => pages.ContractsAsync(contractorId, ct));
app.MapGet("/admin-search", (string numero, BaselinePages pages, CancellationToken ct) => pages.AdminSearchAsync(numero, ct));
app.MapGet("/public-search", (string nombre, BaselinePages pages, CancellationToken ct) => pages.PublicSearchAsync(nombre, ct));
app.MapGet("/public-number", (string numero, BaselinePages pages, CancellationToken ct) => pages.PublicNumberAsync(numero, ct));
app.MapGet("/public-detail/{id:int}", (int id, BaselinePages pages, CancellationToken ct) => pages.PublicDetailAsync(id, ct));
app.MapGet("/audit", (string? usuario, BaselineAudit audit, CancellationToken ct) => audit.PageAsync(usuario, ct));
app.MapGet("/open-data-csv", (HttpContext context, BaselineOpenData openData) => openData.WriteCountryAsync(context));
await app.RunAsync();
