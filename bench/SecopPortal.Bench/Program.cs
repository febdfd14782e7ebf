using System.Globalization;
using SecopPortal.Bench;
using SecopPortal.Infrastructure.Pdf;

// The benchmark's driver, run by scripts/bench.sh:
//   load --connection CS --contracts N --dataset FILE
//       bulk-loads a national data set into a freshly migrated database and writes what the run needs to FILE
//   audit-load --connection CS --contracts N [--entries M] [--dataset FILE]
//       fills the append-only audit log up to M entries (default 25 per contract) unless it holds them already;
//       records the count and the load time in FILE when given
//   run --portal URL --baseline URL --connection CS --portal-role ROLE --dataset FILE --out DIR
//       [--duration S] [--rounds R] [--warmup S] [--conns 8,64] [--statement-requests K] [--pages detail,inbox]
//   documents --portal URL --pid PID --out DIR [--runs N] [--large-runs N] [--fonts DIR]
//       "Todos los documentos en un PDF" against the raw downloads of the same files (scripts/bench-documents.sh)
//   open-data --portal URL --baseline URL --pid PID --out DIR [--seconds S] [--rounds R]
//       the whole country's public Plan de pagos (CSV) streamed, against the baseline's hand-written stream
//   soak --connection ADMIN_CS --out DIR [--minutes 30] [--clients 8] [--think-ms 300] [--nginx /usr/sbin/nginx]
//       two Production instances behind nginx under mixed traffic; errors and memory growth (scripts/soak.sh)
try
{
    if (args.Length == 0)
    {
        throw new BenchException("usage: load … | run … (see scripts/bench.sh)");
    }

    var options = Options.Parse(args.Skip(1).ToArray());
    switch (args[0])
    {
        case "load":
        {
            var shape = DataShape.For(options.Int("contracts", 200_000));
            Console.WriteLine($"==> Loading {shape.Contracts:N0} contracts, {shape.Contractors:N0} contractors, {shape.Supervisors:N0} supervisors, {shape.Entities:N0} entities (plus the named accounts)");
            var info = await new Loader(options.Required("connection"), shape, Console.Out).RunAsync();
            info.Save(options.Required("dataset"));
            Console.WriteLine($"==> Loaded in {info.LoadSeconds.ToString("F1", CultureInfo.InvariantCulture)} s: "
                + string.Join(", ", info.RowCounts.Select(r => $"{r.Key} {r.Value:N0}")));
            break;
        }

        case "audit-load":
        {
            var shape = DataShape.For(options.Int("contracts", 200_000));
            var entries = options.Value("entries") is { } e ? long.Parse(e, CultureInfo.InvariantCulture) : (long)shape.Contracts * AuditLoader.EntriesPerContract;
            var (count, seconds) = await new AuditLoader(options.Required("connection"), shape, Console.Out).EnsureAsync(entries);
            if (options.Value("dataset") is { } dataset)
            {
                var info = DataSetInfo.Load(dataset);
                info.RowCounts["AuditEntries"] = count;
                if (seconds > 0)
                {
                    info.StepSeconds["audit entries (set-based INSERT, indexes and triggers in place)"] = seconds;
                }

                info.Save(dataset);
            }

            break;
        }

        case "run":
        {
            var output = options.Required("out");
            Directory.CreateDirectory(output);
            var run = new RunOptions(
                new Uri(options.Required("portal")),
                new Uri(options.Required("baseline")),
                options.Required("connection"),
                options.Value("portal-role") ?? "portal",
                DataSetInfo.Load(options.Required("dataset")),
                options.Int("duration", 10),
                options.Int("rounds", 2),
                options.Int("warmup", 30),
                (options.Value("conns") ?? "8,64").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
                options.Int("statement-requests", 10),
                output,
                options.Value("pages") is { } pages ? pages.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) : null);
            await new Runner(run, Console.Out).RunAsync();
            break;
        }

        case "documents":
        {
            var documents = new DocumentsBenchOptions(
                new Uri(options.Required("portal")),
                options.Int("pid", 0),
                options.Required("out"),
                options.Int("runs", 9),
                options.Int("large-runs", 5),
                options.Value("fonts") ?? PdfFonts.DefaultDirectory);
            await new DocumentsBench(documents, Console.Out).RunAsync();
            break;
        }

        case "open-data":
        {
            var openData = new OpenDataBenchOptions(
                new Uri(options.Required("portal")),
                new Uri(options.Required("baseline")),
                options.Int("pid", 0),
                options.Required("out"),
                options.Int("seconds", 120),
                options.Int("rounds", 2));
            await new OpenDataBench(openData, Console.Out).RunAsync();
            break;
        }

        case "soak":
        {
            var soak = new SoakOptions(
                options.Required("connection"),
                TimeSpan.FromMinutes(double.Parse(options.Value("minutes") ?? "30", CultureInfo.InvariantCulture)),
                options.Int("clients", 8),
                options.Int("think-ms", 300),
                options.Required("out"),
                options.Value("nginx"));
            // Ctrl-C or SIGTERM ends the traffic early; the report is still written and everything started is stopped.
            using var stop = new CancellationTokenSource();
            using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
            using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
            if (!await new Soak(soak, Console.Out).RunAsync(stop.Token))
            {
                return 3;
            }

            break;
        }

        default:
            throw new BenchException($"unknown command {args[0]}");
    }

    return 0;
}
catch (BenchException e)
{
    await Console.Error.WriteLineAsync($"BENCH FAILED: {e.Message}");
    return 1;
}

internal sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new BenchException($"expected --name value, got {args[i]}");
            }

            values[args[i][2..]] = args[++i];
        }

        return new Options(values);
    }

    public string? Value(string name) => values.GetValueOrDefault(name);

    public string Required(string name) => Value(name) ?? throw new BenchException($"--{name} is required");

    public int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
