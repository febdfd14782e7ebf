using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.ExecutionDocuments;

/// <summary>
/// The size limit of an execution document (25 MB by default), with files generated as they are sent. TestServer
/// does not enforce Kestrel's limits; <see cref="KestrelUploadLimitsTests"/> checks those on a real Kestrel.
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class UploadLimitsTests(SqlitePortalFixture fixture)
{
    private const long MiB = 1024 * 1024;

    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_26_MB_file_is_refused_with_the_spanish_message_and_nothing_is_stored()
    {
        var (client, contractId) = await ContractorWithContractAsync();
        var filesBefore = ExecutionDocumentPages.StoredFiles(Factory.StorageRoot).Count;

        using var response = await ExecutionDocumentPages.UploadAsync(client, contractId, "Evidencias de marzo", "evidencias.pdf", GeneratedPdfStream.Content(26 * MiB));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        Assert.Equal("El archivo «evidencias.pdf» supera el tamaño máximo permitido de 25 MB.", page.GetElementById("File-error")!.TextContent.Trim());
        Assert.Equal(0, await DocumentCountAsync(contractId));
        Assert.Equal(filesBefore, ExecutionDocumentPages.StoredFiles(Factory.StorageRoot).Count);
    }

    [Fact]
    public async Task A_24_MB_file_is_accepted()
    {
        var (client, contractId) = await ContractorWithContractAsync();

        using var response = await ExecutionDocumentPages.UploadAsync(client, contractId, "Informe con anexos", "informe.pdf", GeneratedPdfStream.Content(24 * MiB));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = Factory.Services.CreateAsyncScope();
        var document = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ExecutionDocuments.SingleAsync(d => d.ContractId == contractId);
        Assert.Equal(24 * MiB, document.SizeBytes);
        Assert.Equal("application/pdf", document.ContentType);
    }

    private async Task<(HttpClient Client, int ContractId)> ContractorWithContractAsync()
    {
        var contractor = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var supervisor = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);
        var contract = await TestUsers.CreateContractAsync(Factory, contractor.Id, supervisor.Id);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(contractor));
        return (client, contract.Id);
    }

    private async Task<int> DocumentCountAsync(int contractId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ExecutionDocuments.CountAsync(d => d.ContractId == contractId);
    }
}
