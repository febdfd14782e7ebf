using Microsoft.AspNetCore.Http;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Tests.Documents;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.PaymentRequests;

/// <summary>
/// The cuenta de cobro form's buttons at handler level (<see cref="Create"/>, <see cref="Confirm"/>, <see cref="Attach"/>,
/// <see cref="RemoveAttachment"/>): what each saves, refuses and leaves in the document store, without HTTP. The page's
/// answer to the same outcomes is tested through HTTP in the other payment-request tests.
/// </summary>
public abstract class FilingHandlerTests(PortalFixture fixture) : PaymentRequestTests(fixture)
{
    [Fact]
    public async Task Confirmar_with_documents_missing_still_saves_what_was_typed_and_stays_en_edicion_with_the_refusal_on_the_documents()
    {
        var (contract, id) = await DraftAsync();
        var post = await PostOfAsync(id, notes: "Anexo el informe de mayo.");

        var outcome = await Factory.HandleAsync<Confirm.Handler, FilingOutcome>(
            confirm => confirm.HandleAsync(new FilingCommand(contract.Id, id, contract.ContractorId, post), default));

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Errors, e => e.Field == FilingForm.DocumentsKey && e.Message.Contains("RUT", StringComparison.Ordinal));
        var stored = await PaymentRequestPages.FindAsync(Factory, id);
        Assert.Equal(PaymentRequestStatus.Editing, stored!.Status);
        Assert.Equal("Anexo el informe de mayo.", stored.Notes);
    }

    [Fact]
    public async Task Crear_after_someone_took_the_announced_id_de_pago_creates_nothing_and_moves_the_suggested_numbers_to_the_next_one()
    {
        var contract = await PaymentRequestPages.NewContractAsync(Factory);
        var announced = await Factory.HandleAsync<Create.Handler, PaymentRequestFormPage>(
            create => create.NewFormAsync(contract.Id, contract.ContractorId, default));
        Assert.Equal(1, announced.Request.Sequence);
        await CreateAsync(contract, announced.Input, expectedSequence: 1);

        var late = await CreateAsync(contract, announced.Input, expectedSequence: 1);

        Assert.Null(late.RequestId);
        Assert.Contains("tendrá el Id de pago 2 (no 1)", Assert.Single(late.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(PaymentRequest.DefaultInvoiceNumber(2), late.AdjustedInput!.InvoiceNumber);
        Assert.Equal("2", late.AdjustedInput.FilingNumber);
        Assert.Equal(1, await PaymentRequestPages.CountRequestsAsync(Factory, contract.Id));
    }

    [Fact]
    public async Task Anexar_an_executable_saves_the_typed_fields_refuses_the_file_next_to_it_and_stores_nothing()
    {
        var (contract, id) = await DraftAsync();
        var filesBefore = PaymentRequestPages.StoredFiles(Factory);
        var post = await PostOfAsync(id, notes: "Con el RUT actualizado.", upload: (AttachmentType.Rut, "rut.pdf", TestFiles.WindowsExecutable()));

        var outcome = await Factory.HandleAsync<Attach.Handler, FilingOutcome>(
            attach => attach.HandleAsync(new FilingCommand(contract.Id, id, contract.ContractorId, post), default));

        Assert.Equal("Upload.File", Assert.Single(outcome.Errors).Field);
        Assert.False(outcome.Attached);
        Assert.Equal(filesBefore, PaymentRequestPages.StoredFiles(Factory));
        var stored = await PaymentRequestPages.FindAsync(Factory, id);
        Assert.Empty(stored!.Attachments);
        Assert.Equal("Con el RUT actualizado.", stored.Notes);
    }

    [Fact]
    public async Task Anexar_then_quitar_stores_the_file_with_its_row_and_deletes_both_again()
    {
        var (contract, id) = await DraftAsync();
        var filesBefore = PaymentRequestPages.StoredFiles(Factory);
        var attach = await PostOfAsync(id, upload: (AttachmentType.Rut, "rut.pdf", TestFiles.Pdf()));

        var attached = await Factory.HandleAsync<Attach.Handler, FilingOutcome>(
            handler => handler.HandleAsync(new FilingCommand(contract.Id, id, contract.ContractorId, attach), default));

        Assert.True(attached.Succeeded);
        Assert.Equal(filesBefore.Count + 1, PaymentRequestPages.StoredFiles(Factory).Count);
        var attachment = Assert.Single((await PaymentRequestPages.FindAsync(Factory, id))!.Attachments);

        var remove = await PostOfAsync(id, attachmentId: attachment.Id);
        var removed = await Factory.HandleAsync<RemoveAttachment.Handler, FilingOutcome>(
            handler => handler.HandleAsync(new FilingCommand(contract.Id, id, contract.ContractorId, remove), default));

        Assert.True(removed.Succeeded);
        Assert.StartsWith("Se quitó «rut.pdf» (RUT).", removed.Flash, StringComparison.Ordinal);
        Assert.Empty((await PaymentRequestPages.FindAsync(Factory, id))!.Attachments);
        Assert.Equal(filesBefore, PaymentRequestPages.StoredFiles(Factory));
    }

    /// <summary>A new contract and its first request, created by "Crear" → "Guardar" with the suggested values.</summary>
    private async Task<(TestContract Contract, int RequestId)> DraftAsync()
    {
        var contract = await PaymentRequestPages.NewContractAsync(Factory);
        var form = await Factory.HandleAsync<Create.Handler, PaymentRequestFormPage>(create => create.NewFormAsync(contract.Id, contract.ContractorId, default));
        var outcome = await CreateAsync(contract, form.Input, expectedSequence: form.Request.Sequence);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.Select(e => e.Message)));
        return (contract, outcome.RequestId!.Value);
    }

    private Task<FilingOutcome> CreateAsync(TestContract contract, PaymentRequestInput input, int expectedSequence) =>
        Factory.HandleAsync<Create.Handler, FilingOutcome>(create => create.HandleAsync(
            "guardar", new FilingCommand(contract.Id, null, contract.ContractorId, new FilingPost { Input = input, ExpectedSequence = expectedSequence }), default));

    /// <summary>What the request's form would post now: its stored fields (with <paramref name="notes"/>), its version and the chosen file.</summary>
    private async Task<FilingPost> PostOfAsync(int id, string? notes = null, (AttachmentType Type, string Name, byte[] Bytes)? upload = null, int? attachmentId = null)
    {
        var stored = (await PaymentRequestPages.FindAsync(Factory, id))!;
        var input = PaymentRequestInput.From(stored.ToDraft());
        input.Notes = notes ?? input.Notes;
        return new FilingPost
        {
            ConcurrencyStamp = stored.ConcurrencyStamp,
            Input = input,
            AttachmentId = attachmentId,
            Upload = upload is { } file
                ? new AttachmentInput { Type = file.Type, File = new FormFile(new MemoryStream(file.Bytes), 0, file.Bytes.Length, "Upload.File", file.Name) }
                : new AttachmentInput(),
        };
    }
}

[Collection(SqlitePortal.Name)]
public sealed class FilingHandlerSqliteTests(SqlitePortalFixture fixture) : FilingHandlerTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class FilingHandlerPostgresTests(PostgresPortalFixture fixture) : FilingHandlerTests(fixture);
