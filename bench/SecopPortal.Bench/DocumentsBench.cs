using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using PdfSharp.Drawing;
using PdfSharp.Pdf.IO;
using SecopPortal.Infrastructure.Pdf;
using SecopPortal.Web.Tests.Documents;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Bench;

/// <summary>What <c>documents</c> needs: the running portal, its process id and where to write.</summary>
public sealed record DocumentsBenchOptions(Uri Portal, int PortalPid, string OutputDirectory, int Runs, int LargeRuns, string FontDirectory);

/// <summary>
/// The benchmark of "Todos los documentos en un PDF" (scripts/bench-documents.sh): creates two requests through the
/// portal's real forms (Crear, then Anexar one file at a time) — one whose PDFs total 50 pages, one with about 100 MB
/// of scanned-like PDFs, JPEGs and PNGs — and then, alternating, downloads the merged PDF and, as the baseline, the
/// same attachments one by one through the raw download route. Per download it takes the wall time and the portal
/// process's memory growth: VmRSS before, and the peak after resetting VmHWM (<c>/proc/PID/clear_refs</c>), also
/// sampled every few milliseconds while the bytes come.
/// </summary>
public sealed partial class DocumentsBench(DocumentsBenchOptions options, TextWriter output)
{
    private const string FormId = "cuenta-de-cobro";
    private const long MiB = 1024 * 1024;
    private readonly List<string> _lines = [];

    public async Task RunAsync()
    {
        PdfFonts.Use(options.FontDirectory);
        Directory.CreateDirectory(options.OutputDirectory);

        using var small = new PortalClient(options.Portal);
        await small.SignInAsync("contratista2@secop.test", "Contratista2.Secop2026!");
        var smallCase = await CreateRequestAsync(small, FiftyPages(), "merged-pdf-50");
        await MeasureAsync(small, smallCase, "merged-pdf-50", options.Runs);

        using var large = new PortalClient(options.Portal);
        await large.SignInAsync("contratista@secop.test", "Contratista.Secop2026!");
        var largeCase = await CreateRequestAsync(large, HundredMegabytes(), "merged-pdf-100mb");
        await MeasureAsync(large, largeCase, "merged-pdf-100mb", options.LargeRuns);

        await File.WriteAllLinesAsync(Path.Combine(options.OutputDirectory, "bench-documents.txt"), _lines);
    }

    /// <summary>Five PDFs of ten text pages each, written by PDFsharp like the portal's own documents.</summary>
    private static List<UploadSpec> FiftyPages()
    {
        string[] types = ["PaymentClaim", "ActivityReport", "SocialSecurityPayment", "ArlCertificate", "Rut"];
        return types.Select((type, i) => new UploadSpec(type, $"documento-{i + 1:D2}.pdf", "application/pdf", TextPdf($"Documento {i + 1}", 10))).ToList();
    }

    /// <summary>
    /// About 95 MiB (100 MB), every file under the 25 MiB upload limit and all under the 100 MiB of a request: two scanned-like
    /// PDFs (pages that are photographs), three photographs (JPEG) and two screenshots (PNG), all full of detail.
    /// </summary>
    private static List<UploadSpec> HundredMegabytes() =>
    [
        new("PaymentClaim", "cuenta-escaneada.pdf", "application/pdf", ScannedPdf(8, 2400, 1150, seed: 1)),
        new("ActivityReport", "informe-escaneado.pdf", "application/pdf", ScannedPdf(8, 2400, 1150, seed: 2)),
        new("SocialSecurityPayment", "planilla.pdf", "application/pdf", TextPdf("Planilla", 4)),
        new("BankCertificate", "foto-obra-1.jpg", "image/jpeg", SyntheticImages.Jpeg(4000, 3000, noise: true, seed: 3)),
        new("Rut", "foto-obra-2.jpg", "image/jpeg", SyntheticImages.Jpeg(4000, 3000, noise: true, seed: 4)),
        new("TaxPaymentProof", "foto-obra-3.jpg", "image/jpeg", SyntheticImages.Jpeg(3000, 2000, noise: true, seed: 5)),
        new("Other", "foto-obra-4.jpg", "image/jpeg", SyntheticImages.Jpeg(3600, 2400, noise: true, seed: 8)),
        new("Other", "captura-1.png", "image/png", SyntheticImages.Png(3000, 3000, noise: true, seed: 6)),
        new("Other", "captura-2.png", "image/png", SyntheticImages.Png(2800, 2800, noise: true, seed: 7)),
    ];

    internal static byte[] TextPdf(string title, int pages)
    {
        using var pdf = new PdfTextPage(title, "bench");
        for (var k = 1; k <= pages; k++)
        {
            if (k > 1)
            {
                pdf.PageBreak();
            }

            pdf.Title($"{title} · página {k} de {pages}");
            for (var p = 0; p < 12; p++)
            {
                pdf.Paragraph("Durante el periodo se realizaron las actividades previstas en el contrato: reuniones de seguimiento, revisión de informes, visitas de campo y elaboración de conceptos técnicos, con los soportes que se anexan a esta cuenta de cobro.");
            }
        }

        return pdf.ToBytes();
    }

    /// <summary>A PDF whose every page is one photograph (as a scanner writes it): <paramref name="pages"/> JPEGs.</summary>
    private static byte[] ScannedPdf(int pages, int width, int height, int seed)
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        for (var k = 0; k < pages; k++)
        {
            var page = document.AddPage();
            using var graphics = XGraphics.FromPdfPage(page);
            using var jpeg = new MemoryStream(SyntheticImages.Jpeg(width, height, noise: true, seed: seed * 100 + k));
            using var image = XImage.FromStream(jpeg);
            graphics.DrawImage(image, 20, 20, page.Width.Point - 40, (page.Width.Point - 40) * height / width);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private async Task<BenchCase> CreateRequestAsync(PortalClient client, List<UploadSpec> files, string name)
    {
        var contractId = await FileableContractAsync(client);
        var createPath = $"/contratos/{contractId}/pagos/crear";
        var form = await FormAsync(client, createPath);
        form["Accion"] = "guardar";
        var (status, body, location) = await client.PostMultipartAsync(createPath, form, null);
        if (status != HttpStatusCode.Redirect || location is null || RequestPath().Match(location) is not { Success: true } created)
        {
            throw new BenchException($"Crear answered {(int)status} {location}: {Summary(body)}");
        }

        var requestId = int.Parse(created.Groups["id"].Value, CultureInfo.InvariantCulture);
        var showPath = $"/contratos/{contractId}/pagos/{requestId}";
        var totalBytes = 0L;
        foreach (var file in files)
        {
            var fields = await FormAsync(client, showPath);
            fields["Upload.Type"] = file.Type;
            fields["Upload.Description"] = string.Empty;
            fields["Accion"] = "anexar";
            var (attachStatus, attachBody, _) = await client.PostMultipartAsync($"{showPath}/anexos", fields, file);
            if (attachStatus != HttpStatusCode.Redirect)
            {
                throw new BenchException($"Anexar {file.FileName} ({file.Bytes.Length} bytes) answered {(int)attachStatus}: {Summary(attachBody)}");
            }

            totalBytes += file.Bytes.Length;
        }

        var (_, page, _) = await client.GetAsync(showPath);
        var downloads = DownloadLink().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value)).Distinct(StringComparer.Ordinal).ToList();
        var merged = MergedLink().Match(page);
        if (downloads.Count != files.Count || !merged.Success)
        {
            throw new BenchException($"{name}: the page shows {downloads.Count} downloads of {files.Count} files, merged link {(merged.Success ? "found" : "missing")}");
        }

        Report($"==> {name}: request {requestId} of contract {contractId} with {files.Count} attachments, {(totalBytes / (double)MiB).ToString("F1", CultureInfo.InvariantCulture)} MiB, created through Crear and Anexar");
        return new BenchCase(WebUtility.HtmlDecode(merged.Groups["href"].Value), downloads, totalBytes);
    }

    private async Task MeasureAsync(PortalClient client, BenchCase bench, string name, int runs)
    {
        // The first of each, measured apart: the baseline first (it leaves the heap as it found it), then the first
        // merge of this case, whose growth is the process's real cost — the runtime keeps the memory it grew to for
        // the next downloads, so later runs alone would hide it. Later merged runs are measured against the memory
        // before that first merge (what the process holds for it), the baseline's against the memory before each run.
        var baselineFirst = await DownloadAsync(client, bench.Downloads, keepAs: null);
        var beforeFirstMerge = Status("VmRSS");
        var first = await DownloadAsync(client, [bench.MergedPath], keepAs: Path.Combine(options.OutputDirectory, $"{name}.pdf"));
        int pages;
        using (var merged = PdfReader.Open(Path.Combine(options.OutputDirectory, $"{name}.pdf"), PdfDocumentOpenMode.Import))
        {
            pages = merged.PageCount;
        }

        output.WriteLine($"    first: merged {first.Milliseconds:F0} ms +{first.PeakExtraMb:F0} MB · one by one {baselineFirst.Milliseconds:F0} ms +{baselineFirst.PeakExtraMb:F0} MB");
        var portal = new List<Sample>();
        var baseline = new List<Sample>();
        for (var i = 0; i < runs; i++)
        {
            // Alternating, so the machine's noise falls on both sides alike.
            portal.Add(await DownloadAsync(client, [bench.MergedPath], keepAs: null));
            baseline.Add(await DownloadAsync(client, bench.Downloads, keepAs: null));
            output.WriteLine($"    run {i + 1}: merged {portal[^1].Milliseconds:F0} ms (peak {(portal[^1].PeakKb - beforeFirstMerge) / 1024.0:F0} MB over the RSS before the first merge) · one by one {baseline[^1].Milliseconds:F0} ms +{baseline[^1].PeakExtraMb:F0} MB");
        }

        var median = Median(portal.Select(s => s.Milliseconds));
        var baselineMedian = Median(baseline.Select(s => s.Milliseconds));
        var peakExtra = portal.Append(first).Max(s => s.PeakKb - beforeFirstMerge) / 1024.0;
        var baselinePeakExtra = baseline.Append(baselineFirst).Max(s => s.PeakExtraMb);
        Report(string.Create(CultureInfo.InvariantCulture,
            $"bench: page={name} runs={runs} pages={pages} attachments_mb={bench.TotalBytes / (double)MiB:F1} pdf_mb={first.Bytes / (double)MiB:F1} "
            + $"median_ms={median:F0} max_ms={portal.Max(s => s.Milliseconds):F0} first_ms={first.Milliseconds:F0} baseline_median_ms={baselineMedian:F0} baseline_max_ms={baseline.Max(s => s.Milliseconds):F0} "
            + $"ratio={median / baselineMedian:F2} peak_extra_mb={peakExtra:F0} first_extra_mb={first.PeakExtraMb:F0} baseline_peak_extra_mb={baselinePeakExtra:F0} "
            + $"rss_before_mb={beforeFirstMerge / 1024.0:F0}"));
    }

    /// <summary>Downloads <paramref name="paths"/> one after another, reading every byte, and watches the portal's memory meanwhile.</summary>
    private async Task<Sample> DownloadAsync(PortalClient client, IReadOnlyList<string> paths, string? keepAs)
    {
        var before = Status("VmRSS");
        await ProcessMemory.ResetPeakAsync(options.PortalPid);
        using var stop = new CancellationTokenSource();
        var sampledPeak = before;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                sampledPeak = Math.Max(sampledPeak, Status("VmRSS"));
                await Task.Delay(5, CancellationToken.None);
            }
        });
        var clock = Stopwatch.StartNew();
        var bytes = 0L;
        foreach (var path in paths)
        {
            bytes += await client.DownloadAsync(path, keepAs);
        }

        clock.Stop();
        await stop.CancelAsync();
        await sampler;
        var peak = Math.Max(Status("VmHWM"), sampledPeak);
        return new Sample(clock.Elapsed.TotalMilliseconds, bytes, peak, (peak - before) / 1024.0);
    }

    private long Status(string key) => ProcessMemory.Kb(options.PortalPid, key);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The first of the signed-in contractor's contracts that offers "Crear".</summary>
    private static async Task<int> FileableContractAsync(PortalClient client)
    {
        var (_, body, _) = await client.GetAsync("/contratos");
        foreach (var id in ContractLink().Matches(body).Select(m => m.Groups["id"].Value).Distinct(StringComparer.Ordinal))
        {
            if ((await client.GetAsync($"/contratos/{id}/pagos/crear")).Status == HttpStatusCode.OK)
            {
                return int.Parse(id, CultureInfo.InvariantCulture);
            }
        }

        throw new BenchException("no contract of the bench's contractor offers Crear");
    }

    /// <summary>The cuenta de cobro form's fields as a browser would post them (buttons and the file box aside).</summary>
    private static async Task<Dictionary<string, string>> FormAsync(PortalClient client, string path)
    {
        var (status, body, _) = await client.GetAsync(path);
        if (status != HttpStatusCode.OK)
        {
            throw new BenchException($"GET {path} answered {(int)status}");
        }

        var page = new HtmlParser().ParseDocument(body);
        if (page.GetElementById(FormId) is not IHtmlFormElement form)
        {
            throw new BenchException($"GET {path} has no cuenta de cobro form");
        }

        return HtmlFormValues.Of(form);
    }

    /// <summary>The page's error summary (#errores), to say why a form was refused.</summary>
    private static string Summary(string body) =>
        new HtmlParser().ParseDocument(body).GetElementById("errores")?.TextContent.Trim() is { Length: > 0 } errors
            ? string.Join(' ', errors.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
            : "(no error summary)";

    private void Report(string line)
    {
        output.WriteLine(line);
        _lines.Add(line);
    }

    [GeneratedRegex("""/contratos/\d+/pagos/(?<id>\d+)$""", RegexOptions.CultureInvariant)]
    private static partial Regex RequestPath();

    [GeneratedRegex("""href="(?<href>/pagos/\d+/anexos/\d+/descargar)""", RegexOptions.CultureInvariant)]
    private static partial Regex DownloadLink();

    [GeneratedRegex("""href="(?<href>[^"]+/documentos\.pdf)"[^>]*>Todos los documentos en un PDF<""", RegexOptions.CultureInvariant)]
    private static partial Regex MergedLink();

    [GeneratedRegex("""href="/contratos/(?<id>\d+)"[ >]""", RegexOptions.CultureInvariant)]
    private static partial Regex ContractLink();

    private sealed record BenchCase(string MergedPath, IReadOnlyList<string> Downloads, long TotalBytes);

    /// <param name="PeakKb">The process's highest resident memory during the download (kB).</param>
    /// <param name="PeakExtraMb">How much that is above the resident memory just before the download.</param>
    private sealed record Sample(double Milliseconds, long Bytes, long PeakKb, double PeakExtraMb);
}

/// <summary>One file to attach through "Anexar": its type (the enum's name, as the form posts it), name and bytes.</summary>
public sealed record UploadSpec(string Type, string FileName, string ContentType, byte[] Bytes);
