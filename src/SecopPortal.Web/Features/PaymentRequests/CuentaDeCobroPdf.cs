using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Infrastructure.Pdf;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// "Cuenta de cobro (PDF)": the cuenta de cobro written from the request itself (docs/product.md §16), so a contractor
/// who does not invoice electronically no longer writes it elsewhere: entity and NIT, contractor and document,
/// contract and object, period, Id de pago and number, the value in figures and in words, the PILA planilla where it
/// applies, the usual declarations and a signature block. Whoever may read the request may download it.
/// </summary>
public static class CuentaDeCobroPdf
{
    /// <summary>The link's text on the request's pages.</summary>
    public const string LinkText = "Cuenta de cobro (PDF)";

    /// <summary>"cuenta-de-cobro-CO1.PCCNTR.123-3.pdf".</summary>
    public static string FileNameOf(PaymentRequest request, ContractSummary contract)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(contract);
        return $"cuenta-de-cobro-{contract.Number}-{SpanishText.Number(request.Sequence)}.pdf";
    }

    public sealed class Handler(PaymentRequestWorkspace workspace, PortalDbContext db, TimeProvider clock, IConfiguration configuration)
    {
        /// <returns>The PDF and its file name; null when the request does not exist.</returns>
        public async Task<(byte[] Bytes, string FileName)?> HandleAsync(int requestId, CancellationToken cancellationToken)
        {
            // Only what the document shows: not the page's assessment, siblings and names (LoadPageAsync).
            var request = await db.PaymentRequests.AsNoTracking().SingleOrDefaultAsync(p => p.Id == requestId, cancellationToken);
            if (request is null || await workspace.FindContractSummaryAsync(request.ContractId, cancellationToken) is not { } contract)
            {
                return null;
            }

            return (await WriteAsync(request, contract, cancellationToken), FileNameOf(request, contract));
        }

        /// <summary>The cuenta de cobro of <paramref name="request"/> as it is in memory (also a change not saved yet).</summary>
        public async Task<byte[]> WriteAsync(PaymentRequest request, ContractSummary contract, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            var contractor = await db.Users.AsNoTracking()
                .Where(u => u.Id == request.ContractorId)
                .Select(u => new Contractor(u.FullName, u.PersonType, u.DocumentType, u.DocumentNumber))
                .SingleAsync(cancellationToken);
            PdfFonts.Use(configuration["Pdf:FontDirectory"]);
            return Write(request, contract, contractor, BogotaTime.Today(clock));
        }

        private static byte[] Write(PaymentRequest r, ContractSummary c, Contractor contractor, DateOnly today)
        {
            var total = r.TotalValue ?? 0m;
            var document = contractor.DocumentType is { } type && !string.IsNullOrEmpty(contractor.DocumentNumber)
                ? $"{type.ToLabel()} {contractor.DocumentNumber}"
                : "Documento sin registrar";
            var person = contractor.PersonType?.ToLabel() ?? "Persona natural";
            var period = r.PeriodFrom is { } from && r.PeriodTo is { } to
                ? $"del {SpanishText.Date(from)} al {SpanishText.Date(to)}"
                : "sin periodo indicado";

            using var pdf = new PdfTextPage($"Cuenta de cobro {SpanishText.Number(r.Sequence)} · {c.Number}", "Cuenta de cobro");
            pdf.Title("CUENTA DE COBRO");
            pdf.Row("Número", r.InvoiceNumber ?? SpanishText.Number(r.Sequence));
            pdf.Row("Fecha de emisión", r.IssuedOn is { } issued ? SpanishText.Date(issued) : SpanishText.Date(today));
            pdf.Row("Id de pago", SpanishText.Number(r.Sequence));
            pdf.Row("Número de radicación", r.FilingNumber ?? "—");
            pdf.Space(6);

            pdf.Heading("ENTIDAD ESTATAL");
            pdf.Paragraph($"{c.EntityName}\nNIT {c.EntityNit}");

            pdf.Heading("DEBE A");
            pdf.Paragraph($"{contractor.FullName}\n{document} · {person}");

            pdf.Heading("LA SUMA DE");
            pdf.Paragraph($"{Money.ToSpanishWords(total)} ({Money.Format(total)})");

            pdf.Heading("POR CONCEPTO DE");
            pdf.Paragraph(
                $"Pago {SpanishText.Number(r.Sequence)} del contrato {c.Number}, cuyo objeto es: «{c.Purpose}», correspondiente al periodo {period}.");
            pdf.Row("Valor neto", r.NetValue is { } net ? Money.Format(net) : "—");
            pdf.Row("Valor total", Money.Format(total));
            if (!string.IsNullOrEmpty(r.PilaNumber))
            {
                var paid = r.PilaPaidOn is { } on ? $", pagada el {SpanishText.Date(on)}" : string.Empty;
                pdf.Row("Planilla de seguridad social (PILA)", $"No. {r.PilaNumber}{paid}");
            }

            if (r.IssuesElectronicInvoice)
            {
                pdf.Row("Factura electrónica", $"{r.InvoiceNumber} · CUFE {r.Cufe}");
            }
            else
            {
                pdf.Heading("DECLARACIONES");
                pdf.Paragraph("Declaro bajo la gravedad de juramento, que se entiende prestado con la firma de este documento, que:");
                pdf.Paragraph("1. No estoy obligado(a) a expedir factura electrónica de venta ni soy responsable del impuesto sobre las ventas (IVA) por los servicios que cobro.");
                pdf.Paragraph(string.IsNullOrEmpty(r.PilaNumber)
                    ? "2. Me encuentro al día en los aportes al Sistema de Seguridad Social Integral (salud, pensión y riesgos laborales) que corresponden al periodo cobrado."
                    : $"2. Los aportes al Sistema de Seguridad Social Integral (salud, pensión y riesgos laborales) del periodo cobrado se pagaron con la planilla No. {r.PilaNumber}.");
                pdf.Paragraph("3. No he contratado ni vinculado dos (2) o más trabajadores asociados a la actividad que origina este cobro, para efectos de la retención en la fuente.");
                pdf.Paragraph("4. La información de esta cuenta de cobro es verdadera y corresponde a las obligaciones cumplidas en el periodo.");
            }

            pdf.Signature(contractor.FullName, document, "Contratista");
            pdf.Footer($"Documento generado por SecopPortal el {SpanishText.Date(today)} a partir de la cuenta de cobro registrada en el Plan de pagos del contrato {c.Number}.");
            return pdf.ToBytes();
        }

        private sealed record Contractor(string FullName, PersonType? PersonType, DocumentType? DocumentType, string? DocumentNumber);
    }
}
