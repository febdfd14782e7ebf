using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Pdf;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// "Todos los documentos en un PDF" (docs/product.md §16.1): one PDF with a cover (the contract, the request and its
/// "Lista de chequeo"), an index giving the page where each attached document starts, then every attached PDF's
/// pages and every PNG or JPEG on a page, in the checklist's order. What cannot be pages (Word, Excel, ZIP) and what
/// cannot be read (a damaged or password-protected PDF, an image that does not decode) is listed in the index with
/// a note, never an error. Whoever may read the request may download it.
/// </summary>
/// <remarks>
/// Memory (docs/adr/0013-pdf-library.md): the attachments are opened one at a time from the document store and
/// released after their pages are copied; PDFsharp holds the bound document until it is saved, to a temporary file
/// that the response streams and deletes.
/// </remarks>
public static class MergedDocumentsPdf
{
    /// <summary>The link's text on the request's pages.</summary>
    public const string LinkText = "Todos los documentos en un PDF";

    public const string NotPagesNote = "No se incluye como páginas (no es PDF ni imagen): descárguelo aparte de la solicitud.";
    public const string ProtectedNote = "No se pudo incluir: el PDF está protegido con contraseña.";
    public const string DamagedNote = "No se pudo incluir: el PDF está dañado.";
    public const string NoPagesNote = "No se pudo incluir: el PDF no tiene páginas.";
    public const string DamagedImageNote = "No se pudo incluir: la imagen está dañada.";
    public const string MissingNote = "No se pudo incluir: el archivo no está en el repositorio de documentos.";

    /// <summary>"documentos-CO1.PCCNTR.123-3.pdf".</summary>
    public static string FileNameOf(PaymentRequest request, ContractSummary contract)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(contract);
        return $"documentos-{contract.Number}-{SpanishText.Number(request.Sequence)}.pdf";
    }

    /// <summary>
    /// The request's attachments in the order of its "Lista de chequeo" (the assessment's, §12), then any type the
    /// checklist does not list (the supervisor's "Soporte de pago"), each type's files in the order they were attached.
    /// </summary>
    public static IReadOnlyList<Attachment> InChecklistOrder(PaymentRequest request, PaymentRequestAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(assessment);
        var positions = assessment.Checklist.Select((item, index) => (item.Type, index)).ToDictionary(p => p.Type, p => p.index);
        return request.Attachments
            .OrderBy(a => positions.TryGetValue(a.Type, out var position) ? position : int.MaxValue)
            .ThenBy(a => a.Type)
            .ThenBy(a => a.Id)
            .ToList();
    }

    /// <summary>
    /// How many requests' documents are bound at once (<c>Pdf:MaxConcurrentMerges</c>, default 2). Each merge holds
    /// its bound document in memory until it is saved (about 170 MB for the largest request the upload limits allow),
    /// so the portal's memory is bounded by this number, not by how many people click at once; later ones wait.
    /// </summary>
    public sealed class Gate(IConfiguration configuration) : IDisposable
    {
        private readonly SemaphoreSlim _slots = new(Math.Max(1, configuration.GetValue("Pdf:MaxConcurrentMerges", 2)));

        /// <summary>Waits for a free slot; disposing the result frees it.</summary>
        public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
        {
            await _slots.WaitAsync(cancellationToken);
            return new Slot(_slots);
        }

        public void Dispose() => _slots.Dispose();

        private sealed class Slot(SemaphoreSlim slots) : IDisposable
        {
            private int _released;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _released, 1) == 0)
                {
                    slots.Release();
                }
            }
        }
    }

    public sealed class Handler(PaymentRequestWorkspace workspace, IDocumentStore documents, Gate gate, IConfiguration configuration, ILogger<Handler> logger)
    {
        /// <returns>
        /// The PDF, open at its start in a temporary file that closing the stream deletes, and its file name; null when
        /// the request does not exist.
        /// </returns>
        public async Task<(Stream Content, string FileName)?> HandleAsync(int requestId, CancellationToken cancellationToken)
        {
            // The page's read: the assessment's checklist is what the cover shows and what orders the documents.
            if (await workspace.LoadPageAsync(requestId, cancellationToken) is not { } page)
            {
                return null;
            }

            PdfFonts.Use(configuration["Pdf:FontDirectory"]);
            using var slot = await gate.EnterAsync(cancellationToken);
            var request = page.Request;
            using var binder = new PdfBinder($"Documentos del pago {SpanishText.Number(request.Sequence)} · {page.Contract.Number}", "Documentos de la solicitud de pago");
            var entries = new List<Entry>();
            foreach (var attachment in InChecklistOrder(request, page.Assessment))
            {
                entries.Add(await BindAsync(binder, requestId, attachment, cancellationToken));
            }

            // The cover and index go in front; their length must be known to number the pages after them, and it does
            // not depend on the numbers (a fixed column), so they are laid out once aside to count them.
            int frontPages;
            using (var trial = new PdfTextPage("índice", "índice"))
            {
                WriteFront(trial, page, entries, frontPages: 0);
                frontPages = trial.PageCount;
            }

            using (var front = binder.InsertText(0))
            {
                WriteFront(front, page, entries, frontPages);
                if (front.PageCount != frontPages)
                {
                    throw new InvalidOperationException($"The cover and index took {front.PageCount} pages, not the {frontPages} counted.");
                }
            }

            return (binder.SaveToTemporaryFile(), FileNameOf(request, page.Contract));
        }

        private async Task<Entry> BindAsync(PdfBinder binder, int requestId, Attachment attachment, CancellationToken cancellationToken)
        {
            var kind = attachment.ContentType switch
            {
                "application/pdf" => SourceKind.Pdf,
                "image/png" or "image/jpeg" => SourceKind.Image,
                _ => SourceKind.NotPages,
            };
            if (kind == SourceKind.NotPages)
            {
                return new Entry(attachment, 0, 0, NotPagesNote, IsNotPages: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            Stream content;
            try
            {
                content = await documents.OpenReadAsync(attachment.StorageKey, cancellationToken);
            }
            catch (DocumentNotFoundException)
            {
                PaymentRequestLog.MissingFromMerge(logger, attachment.Id, requestId);
                return new Entry(attachment, 0, 0, MissingNote, IsNotPages: false);
            }

            var start = binder.PageCount;
            BindResult result;
            await using (content)
            {
                result = kind == SourceKind.Pdf ? binder.AppendPdf(content) : binder.AppendImage(content);
            }

            if (result.Problem is { } problem)
            {
                PaymentRequestLog.LeftOutOfMerge(logger, attachment.Id, requestId, problem);
            }

            return new Entry(attachment, start, result.Pages, NoteOf(result.Problem), IsNotPages: false);
        }

        private static string? NoteOf(BindProblem? problem) => problem switch
        {
            null => null,
            BindProblem.PasswordProtected => ProtectedNote,
            BindProblem.DamagedPdf => DamagedNote,
            BindProblem.NoPages => NoPagesNote,
            BindProblem.DamagedImage => DamagedImageNote,
            _ => DamagedNote,
        };

        private static void WriteFront(PdfTextPage pdf, PaymentRequestPage page, IReadOnlyList<Entry> entries, int frontPages)
        {
            var r = page.Request;
            var c = page.Contract;
            var period = r.PeriodFrom is { } from && r.PeriodTo is { } to
                ? $"Del {SpanishText.Date(from)} al {SpanishText.Date(to)}"
                : "Sin periodo indicado";

            pdf.Title("DOCUMENTOS DE LA SOLICITUD DE PAGO");
            pdf.Heading("CONTRATO");
            pdf.Row("Número del contrato", c.Number);
            pdf.Row("Entidad estatal", c.EntityName);
            pdf.Row("NIT", c.EntityNit);
            pdf.Row("Contratista", c.ContractorName);
            pdf.Row("Objeto", c.Purpose);

            pdf.Heading("SOLICITUD DE PAGO");
            pdf.Row("Id de pago", SpanishText.Number(r.Sequence));
            pdf.Row("Número", r.InvoiceNumber ?? SpanishText.Number(r.Sequence));
            pdf.Row("Periodo", period);
            pdf.Row("Valor total", r.TotalValue is { } total ? Money.Format(total) : "—");
            pdf.Row("Estado", r.Status.ToLabel());

            pdf.Heading("LISTA DE CHEQUEO");
            foreach (var item in page.Assessment.ListedDocuments)
            {
                var optional = item.Required ? string.Empty : " (opcional)";
                pdf.Paragraph(item.Present ? $"✓ {item.Label}{optional}: anexado" : $"✗ {item.Label}{optional}: falta");
            }

            pdf.PageBreak();
            pdf.Title("ÍNDICE");
            if (entries.Count == 0)
            {
                pdf.Paragraph("La solicitud no tiene documentos anexos.");
            }

            foreach (var entry in entries)
            {
                var a = entry.Attachment;
                var value = entry.Note is null ? a.FileName : $"{a.FileName}\n{entry.Note}";
                var where = entry.Pages > 0
                    ? $"Página {SpanishText.Number(frontPages + entry.Start + 1)}"
                    : "—";
                pdf.Entry(a.Type.ToLabel(), value, where);
                if (entry.IsNotPages)
                {
                    pdf.Note($"{UploadMessages.FileSize(a.SizeBytes)} · SHA-256 {a.Sha256}");
                }
            }

            pdf.Space(8);
            pdf.Note("Las páginas de cada documento siguen a este índice en el mismo orden. Los archivos que no se incluyen como páginas se descargan aparte desde la solicitud; su huella SHA-256 permite comprobar que son los mismos.");
        }

        private enum SourceKind
        {
            Pdf,
            Image,
            NotPages,
        }

        /// <param name="Start">The page index (from 0) of its first page among the bound documents' pages.</param>
        private sealed record Entry(Attachment Attachment, int Start, int Pages, string? Note, bool IsNotPages);
    }
}
