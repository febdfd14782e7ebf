using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Calendar;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Infrastructure.Auditing;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Admin;
using SecopPortal.Web.Tests.Infrastructure;
using SecopPortal.Web.Tests.PaymentRequests;
using SecopPortal.Web.Tests.Review;
using static SecopPortal.Web.Tests.PaymentRequests.PaymentRequestPages;

namespace SecopPortal.Web.Tests.Audit;

/// <summary>
/// Each thing the audit log records (ADR 0020), done through the portal as a user does it, writes exactly one entry
/// with the right kind, actor, e-mail, client address and contract, request or user: sign-ins (success, failure,
/// locked, deactivated, throttled) and sign-out, user and role changes, contract changes, every payment-request
/// transition, and downloads of personal documents. On SQLite and on PostgreSQL.
/// </summary>
public abstract class AuditRecordingTests(AuditPortal portal)
{
    private const string WrongPassword = "No.Es.La.Clave.2026";

    [Fact]
    public async Task Sign_ins_of_every_outcome_and_the_sign_out_each_write_one_entry_with_the_typed_email_and_the_address()
    {
        portal.Clock.Resume();
        const string address = "198.51.100.21";
        var user = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Supervisor);
        var typed = user.Email!.ToUpperInvariant();
        using var client = portal.From(address);

        (await SignInAsync(client, typed, WrongPassword)).Dispose();
        var failed = Assert.Single(await portal.EntriesAsync(e => e.ActorId == user.Id && e.Kind == AuditKind.SignInFailed));
        Assert.Equal(typed, failed.ActorEmail);
        Assert.Equal(address, failed.ClientAddress);
        Assert.DoesNotContain(WrongPassword, failed.Detail, StringComparison.Ordinal);

        var stranger = $"nadie.{Guid.NewGuid():N}@prueba.gov.co";
        (await SignInAsync(client, stranger, WrongPassword)).Dispose();
        var unknown = Assert.Single(await portal.EntriesAsync(e => e.ActorEmail == stranger));
        Assert.Equal((AuditKind.SignInFailed, (Guid?)null, address), (unknown.Kind, unknown.ActorId, unknown.ClientAddress));

        using (var signedIn = await SignInAsync(client, user.Email!, TestUsers.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var success = Assert.Single(await portal.EntriesAsync(e => e.ActorId == user.Id && e.Kind == AuditKind.SignInSucceeded));
        Assert.Equal((user.Email, address), (success.ActorEmail, success.ClientAddress));

        using (var signedOut = await PortalHttp.PostFormAsync(client, "/cuenta/cerrar-sesion", [], tokenPageUrl: "/cuenta/cambiar-contrasena"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        var signOut = Assert.Single(await portal.EntriesAsync(e => e.ActorId == user.Id && e.Kind == AuditKind.SignedOut));
        Assert.Equal(address, signOut.ClientAddress);

        await TestUsers.ChangeAsync(portal.Factory, user.Email!, TestUsers.Lock);
        (await SignInAsync(client, user.Email!, TestUsers.Password)).Dispose();
        Assert.Single(await portal.EntriesAsync(e => e.ActorId == user.Id && e.Kind == AuditKind.SignInLockedOut && e.ClientAddress == address));

        await TestUsers.ChangeAsync(portal.Factory, user.Email!, (users, u) => users.SetLockoutEndDateAsync(u, null));
        await TestUsers.ChangeAsync(portal.Factory, user.Email!, TestUsers.Deactivate);
        (await SignInAsync(client, user.Email!, TestUsers.Password)).Dispose();
        Assert.Single(await portal.EntriesAsync(e => e.ActorId == user.Id && e.Kind == AuditKind.SignInDeactivated && e.ClientAddress == address));

        // Failures up to the per-account throttle, then one refused attempt: a 429 and its own entry.
        var victim = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Contractor);
        using var attacker = portal.From("203.0.113.66");
        for (var attempt = 0; attempt < AuditPortal.FailuresBeforeThrottle; attempt++)
        {
            (await SignInAsync(attacker, victim.Email!, WrongPassword)).Dispose();
        }

        using (var refused = await SignInAsync(attacker, victim.Email!, WrongPassword))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        var victimEntries = await portal.EntriesAsync(e => e.ActorId == victim.Id);
        Assert.Equal(
            [.. Enumerable.Repeat(AuditKind.SignInFailed, AuditPortal.FailuresBeforeThrottle), AuditKind.SignInThrottled],
            victimEntries.Select(e => e.Kind));
        Assert.All(victimEntries, e => Assert.Equal("203.0.113.66", e.ClientAddress));
    }

    [Fact]
    public async Task Creating_editing_and_deactivating_a_user_records_each_change_and_each_role_once_with_the_administrator()
    {
        portal.Clock.Resume();
        const string address = "198.51.100.22";
        using var admin = await portal.SignedInFromAsync(address, DemoAccounts.Admin);
        var adminId = await TestUsers.IdOfAsync(portal.Factory, DemoAccounts.Admin.Email);
        var email = AdminPages.NewEmail("auditado");

        var id = await AdminPages.CreateUserAsync(admin, "Lucía Auditada Pérez", email, "Clave.Segura.2026!", PortalRoles.Supervisor);
        var created = await portal.EntriesAsync(e => e.SubjectUserId == id);
        Assert.Equal([AuditKind.UserCreated, AuditKind.RoleGranted], created.Select(e => e.Kind).Order());
        Assert.Contains("Supervisor", created.Single(e => e.Kind == AuditKind.RoleGranted).Detail, StringComparison.Ordinal);
        AssertByAdmin(created);

        var edit = await PortalHttp.GetPageAsync(admin, AdminPages.EditUser(id));
        var form = AdminPages.FormValues(edit, "Input.FullName");
        form["Input.FullName"] = "Lucía Auditada Gómez";
        form["Input.Roles"] = PortalRoles.Contractor;
        using (var saved = await PortalHttp.PostFormAsync(admin, AdminPages.EditUser(id), form))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var edited = (await portal.EntriesAsync(e => e.SubjectUserId == id)).Skip(created.Count).ToList();
        Assert.Equal([AuditKind.UserChanged, AuditKind.RoleGranted, AuditKind.RoleRevoked], edited.Select(e => e.Kind).Order());
        Assert.Contains("Nombre: Lucía Auditada Pérez → Lucía Auditada Gómez", edited.Single(e => e.Kind == AuditKind.UserChanged).Detail, StringComparison.Ordinal);
        Assert.Contains("Contratista", edited.Single(e => e.Kind == AuditKind.RoleGranted).Detail, StringComparison.Ordinal);
        Assert.Contains("Supervisor", edited.Single(e => e.Kind == AuditKind.RoleRevoked).Detail, StringComparison.Ordinal);
        AssertByAdmin(edited);

        using (var deactivated = await PortalHttp.PostFormAsync(admin, $"/administracion/usuarios/{id}/desactivar", [], tokenPageUrl: AdminPages.EditUser(id)))
        {
            Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        }

        var last = (await portal.EntriesAsync(e => e.SubjectUserId == id)).Skip(created.Count + edited.Count).ToList();
        var change = Assert.Single(last);
        Assert.Equal(AuditKind.UserChanged, change.Kind);
        Assert.Contains("desactivado", change.Detail, StringComparison.Ordinal);
        AssertByAdmin(last);

        void AssertByAdmin(IEnumerable<AuditEntry> entries) => Assert.All(entries, e =>
            Assert.Equal((adminId, DemoAccounts.Admin.Email, address), (e.ActorId!.Value, e.ActorEmail, e.ClientAddress)));
    }

    [Fact]
    public async Task Creating_editing_and_moving_a_contract_through_its_states_records_one_entry_each()
    {
        portal.Clock.Resume();
        const string address = "198.51.100.23";
        using var admin = await portal.SignedInFromAsync(address, DemoAccounts.Admin);
        var adminId = await TestUsers.IdOfAsync(portal.Factory, DemoAccounts.Admin.Email);
        var (nit, contractor, supervisor) = AdminPages.ContractParties();
        var form = AdminPages.ContractForm(nit, contractor, supervisor, AdminPages.NewContractNumber());

        var id = await AdminPages.CreateContractAsync(admin, form);
        var created = Assert.Single(await portal.EntriesAsync(e => e.ContractId == id));
        Assert.Equal(AuditKind.ContractCreated, created.Kind);
        Assert.Contains(form["Input.Number"], created.Detail, StringComparison.Ordinal);

        var edit = await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id));
        var values = AdminPages.FormValues(edit, "Input.TotalValue");
        values["Input.TotalValue"] = "30.000.000";
        using (var saved = await PortalHttp.PostFormAsync(admin, AdminPages.EditContract(id), values))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var status = AdminPages.FormValues(await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id)), "StatusInput.NewStatus");
        status["StatusInput.NewStatus"] = "InExecution";
        using (var moved = await PortalHttp.PostFormAsync(admin, AdminPages.ContractStatus(id), status, tokenPageUrl: AdminPages.EditContract(id)))
        {
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        }

        var entries = await portal.EntriesAsync(e => e.ContractId == id);
        Assert.Equal([AuditKind.ContractCreated, AuditKind.ContractChanged, AuditKind.ContractStatusChanged], entries.Select(e => e.Kind));
        Assert.Contains("Valor total: $ 27.000.000 → $ 30.000.000", entries[1].Detail, StringComparison.Ordinal);
        Assert.Contains("Estado: Firmado → En ejecución", entries[2].Detail, StringComparison.Ordinal);
        Assert.All(entries, e => Assert.Equal((adminId, address), (e.ActorId!.Value, e.ClientAddress)));
    }

    [Fact]
    public async Task Creating_an_entity_and_changing_the_holidays_are_recorded_as_well()
    {
        portal.Clock.Resume();
        const string address = "198.51.100.24";
        using var admin = await portal.SignedInFromAsync(address, DemoAccounts.Admin);
        var adminId = await TestUsers.IdOfAsync(portal.Factory, DemoAccounts.Admin.Email);
        var nit = AdminPages.NewNit(out _);
        using (var created = await PortalHttp.PostFormAsync(admin, AdminPages.NewEntity, new Dictionary<string, string> { ["Name"] = "Entidad Auditada de Prueba", ["Nit"] = nit }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var entity = Assert.Single(await portal.EntriesAsync(e => e.Kind == AuditKind.EntityCreated && e.Detail.Contains(nit)));
        Assert.Equal((adminId, address), (entity.ActorId!.Value, entity.ClientAddress));
        Assert.Contains("Entidad Auditada de Prueba", entity.Detail, StringComparison.Ordinal);

        var law = $"Ley {Guid.NewGuid():N} de 2040";
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var calendar = scope.ServiceProvider.GetRequiredService<PortalCalendar>().Current;
            db.HolidayChanges.Add(HolidayChange.Add(calendar, new DateOnly(2040, 3, 5), "Día de la auditoría", law, adminId, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var holiday = Assert.Single(await portal.EntriesAsync(e => e.Kind == AuditKind.HolidaysChanged && e.Detail.Contains(law)));
        Assert.Contains("Festivo agregado: 05/03/2040 Día de la auditoría", holiday.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_transition_of_a_payment_request_writes_one_entry_matching_its_history_and_borrar_one_more()
    {
        portal.Clock.StopAt(PaymentRequestTests.Now);
        try
        {
            const string contractorAddress = "198.51.100.31";
            const string supervisorAddress = "198.51.100.32";
            var contract = await NewContractAsync(portal.Factory);
            contract = contract with { Contractor = await portal.SignedInFromAsync(contractorAddress, contract.ContractorAccount) };
            using var supervisor = await portal.SignedInFromAsync(supervisorAddress, contract.SupervisorAccount);

            // Crear, Confirmar, Registro, Confirmar, Enviar; Rechazar; Editar, Confirmar, Enviar; Aprobar; Marcar como pagado.
            var id = await PendingRequestAsync(contract);
            await PressAsync(contract.Contractor, contract.Id, id, "registro");
            using (var again = await ConfirmAsync(contract.Contractor, contract.Id, id))
            {
                Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            }

            await PressAsync(contract.Contractor, contract.Id, id, "enviar");
            var review = await PortalHttp.GetPageAsync(supervisor, ReviewPages.Show(id));
            using (var rejected = await ReviewPages.SubmitAsync(supervisor, review, "Reject.Reason", ReviewPages.Reject(id),
                       new Dictionary<string, string> { ["Reject.Reason"] = "Falta la firma en el informe de actividades." }))
            {
                Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
            }

            await PressAsync(contract.Contractor, contract.Id, id, "editar");
            using (var confirmed = await ConfirmAsync(contract.Contractor, contract.Id, id))
            {
                Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            }

            await PressAsync(contract.Contractor, contract.Id, id, "enviar");
            review = await PortalHttp.GetPageAsync(supervisor, ReviewPages.Show(id));
            await ReviewPages.FollowAsync(supervisor, await ReviewPages.SubmitAsync(supervisor, review, "Approve.RpNumber", ReviewPages.Approve(id)));
            review = await PortalHttp.GetPageAsync(supervisor, ReviewPages.Show(id));
            await ReviewPages.FollowAsync(supervisor, await ReviewPages.SubmitMarkPaidAsync(supervisor, review, id));

            var request = await FindAsync(portal.Factory, id);
            var history = request!.History.OrderBy(h => h.Id).ToList();
            var entries = await portal.EntriesAsync(e => e.PaymentRequestId == id);
            Assert.Equal(
                ["Crear", "Confirmar", "Registro", "Confirmar", "Enviar", "Rechazar", "Editar", "Confirmar", "Enviar", "Aprobar", "Marcar como pagado"],
                history.Select(h => h.Action));
            Assert.Equal(
                [
                    AuditKind.PaymentRequestCreated, AuditKind.PaymentRequestConfirmed, AuditKind.PaymentRequestReopened,
                    AuditKind.PaymentRequestConfirmed, AuditKind.PaymentRequestSent, AuditKind.PaymentRequestRejected,
                    AuditKind.PaymentRequestEditedAfterRejection, AuditKind.PaymentRequestConfirmed, AuditKind.PaymentRequestSent,
                    AuditKind.PaymentRequestApproved, AuditKind.PaymentRequestPaid,
                ],
                entries.Select(e => e.Kind));
            for (var i = 0; i < history.Count; i++)
            {
                var bySupervisor = history[i].ByUserId == contract.SupervisorId;
                Assert.Equal(history[i].ByUserId, entries[i].ActorId);
                Assert.Equal(history[i].AtUtc, entries[i].OccurredAtUtc);
                Assert.Equal(bySupervisor ? contract.SupervisorEmail : contract.ContractorEmail, entries[i].ActorEmail);
                Assert.Equal(bySupervisor ? supervisorAddress : contractorAddress, entries[i].ClientAddress);
                Assert.Equal(contract.Id, entries[i].ContractId);
            }

            Assert.Contains("Falta la firma en el informe de actividades.", entries[5].Detail, StringComparison.Ordinal);

            // "Borrar" of a second request: its creation and its deletion, and the entries outlive the request.
            var second = await CreateRequestAsync(contract, WithPila(StartsOn.AddMonths(1)));
            var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, second));
            using (var deleted = await PostButtonAsync(contract.Contractor, page, Action(contract.Id, second, "borrar"), ("confirmed", "true")))
            {
                Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
            }

            Assert.Null(await FindAsync(portal.Factory, second));
            var gone = await portal.EntriesAsync(e => e.PaymentRequestId == second);
            Assert.Equal([AuditKind.PaymentRequestCreated, AuditKind.PaymentRequestDeleted], gone.Select(e => e.Kind));
            Assert.All(gone, e => Assert.Equal((contract.ContractorId, contractorAddress, contract.Id), (e.ActorId!.Value, e.ClientAddress!, e.ContractId!.Value)));
        }
        finally
        {
            portal.Clock.Resume();
        }
    }

    [Fact]
    public async Task Downloading_a_personal_document_or_the_merged_pdf_that_holds_one_is_recorded_and_other_documents_are_not()
    {
        portal.Clock.StopAt(PaymentRequestTests.Now);
        try
        {
            const string address = "198.51.100.41";
            var contract = await NewContractAsync(portal.Factory);
            var id = await SentRequestAsync(contract);
            using var supervisor = await portal.SignedInFromAsync(address, contract.SupervisorAccount);
            var request = await FindAsync(portal.Factory, id);
            var rut = request!.Attachments.Single(a => a.Type == AttachmentType.Rut);
            var report = request.Attachments.Single(a => a.Type == AttachmentType.ActivityReport);
            var before = (await portal.EntriesAsync(e => e.PaymentRequestId == id)).Count;

            using (var download = await supervisor.GetAsync(new Uri($"/pagos/{id}/anexos/{rut.Id}/descargar", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            }

            using (var download = await supervisor.GetAsync(new Uri($"/pagos/{id}/anexos/{report.Id}/descargar", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            }

            var downloads = (await portal.EntriesAsync(e => e.PaymentRequestId == id)).Skip(before).ToList();
            var entry = Assert.Single(downloads);
            Assert.Equal(AuditKind.PersonalDocumentDownloaded, entry.Kind);
            Assert.Equal((contract.SupervisorId, contract.SupervisorEmail, address, contract.Id), (entry.ActorId!.Value, entry.ActorEmail!, entry.ClientAddress!, entry.ContractId!.Value));
            Assert.Contains("RUT", entry.Detail, StringComparison.Ordinal);
            Assert.Contains(rut.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Detail, StringComparison.Ordinal);

            using (var merged = await supervisor.GetAsync(new Uri($"{Show(contract.Id, id)}/documentos.pdf", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
            }

            var all = (await portal.EntriesAsync(e => e.PaymentRequestId == id)).Skip(before).ToList();
            Assert.Equal(2, all.Count);
            Assert.Equal(AuditKind.PersonalDocumentDownloaded, all[1].Kind);
            Assert.Contains("Todos los documentos", all[1].Detail, StringComparison.Ordinal);
            Assert.Contains("RUT", all[1].Detail, StringComparison.Ordinal);
            Assert.Contains("Certificación bancaria", all[1].Detail, StringComparison.Ordinal);
        }
        finally
        {
            portal.Clock.Resume();
        }
    }

    private static async Task PressAsync(HttpClient client, int contractId, int id, string action)
    {
        var page = await PortalHttp.GetPageAsync(client, Show(contractId, id));
        using var response = await PostButtonAsync(client, page, Action(contractId, id, action));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"«{action}» answered {(int)response.StatusCode}: {Summary(await PortalHttp.ParseAsync(response))}");
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        PortalHttp.PostFormAsync(client, PortalHttp.LoginPath, new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
}

[Collection(SqliteAuditPortal.Name)]
public sealed class AuditRecordingSqliteTests(SqliteAuditPortal portal) : AuditRecordingTests(portal);

[Collection(PostgresAuditPortal.Name)]
public sealed class AuditRecordingPostgresTests(PostgresAuditPortal portal) : AuditRecordingTests(portal);
