using System.Reflection;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Features.ExecutionDocuments;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Features.Review;

namespace SecopPortal.Web.Tests.PaymentRequests;

/// <summary>
/// The domain keys its violations by enum members whose names must be the properties of the Web inputs the
/// messages are shown next to. These tests hold every member against those inputs, so renaming either side
/// breaks a test instead of silently moving a message to the page's summary.
/// </summary>
public sealed class ViolationKeyTests
{
    /// <summary>Keys that are not an input's property but a place of the page ("Documents" is the documents section).</summary>
    private static readonly string[] PageKeys = ["Documents", ""];

    /// <summary>Where each payment-request key is shown; no input means one of <see cref="PageKeys"/>.</summary>
    private static readonly Dictionary<PaymentRequestField, Type[]> ShownOn = new()
    {
        [PaymentRequestField.Cufe] = [typeof(PaymentRequestInput)],
        [PaymentRequestField.InvoiceNumber] = [typeof(PaymentRequestInput)],
        [PaymentRequestField.PeriodFrom] = [typeof(PaymentRequestInput)],
        [PaymentRequestField.PeriodTo] = [typeof(PaymentRequestInput)],
        [PaymentRequestField.IssuedOn] = [typeof(PaymentRequestInput)],
        [PaymentRequestField.DueOn] = [typeof(PaymentRequestInput)],
        [PaymentRequestField.ReceivedOn] = [typeof(PaymentRequestInput), typeof(Approve.Input)],
        [PaymentRequestField.FilingNumber] = [typeof(PaymentRequestInput)],
        [PaymentRequestField.NetValue] = [typeof(PaymentRequestInput)],
        [PaymentRequestField.TotalValue] = [typeof(PaymentRequestInput)],
        [PaymentRequestField.Notes] = [typeof(PaymentRequestInput)],
        [PaymentRequestField.PilaNumber] = [typeof(PaymentRequestInput)],
        [PaymentRequestField.PilaPaidOn] = [typeof(PaymentRequestInput)],
        [PaymentRequestField.Documents] = [],
        [PaymentRequestField.Reason] = [typeof(Reject.Input)],
        [PaymentRequestField.RpNumber] = [typeof(Approve.Input)],
        [PaymentRequestField.PaidOn] = [typeof(MarkPaid.Input)],
        [PaymentRequestField.PaymentSupport] = [typeof(MarkPaid.Input)],
    };

    /// <summary>Where each upload key is shown: "Anexar" on the request, and "Cargar nuevo" for what an execution document uses.</summary>
    private static readonly Dictionary<UploadField, Type[]> UploadShownOn = new()
    {
        [UploadField.Type] = [typeof(AttachmentInput)],
        [UploadField.File] = [typeof(AttachmentInput), typeof(ExecutionDocumentForm)],
        [UploadField.Description] = [typeof(AttachmentInput), typeof(ExecutionDocumentForm)],
    };

    public static TheoryData<PaymentRequestField> PaymentRequestFields() => new(Enum.GetValues<PaymentRequestField>());

    public static TheoryData<UploadField> UploadFields() => new(Enum.GetValues<UploadField>());

    [Fact]
    public void Every_payment_request_key_says_where_it_is_shown() =>
        Assert.Equal(Enum.GetValues<PaymentRequestField>().Order(), ShownOn.Keys.Order());

    [Fact]
    public void Every_upload_key_says_where_it_is_shown() =>
        Assert.Equal(Enum.GetValues<UploadField>().Order(), UploadShownOn.Keys.Order());

    [Theory]
    [MemberData(nameof(PaymentRequestFields))]
    public void A_payment_request_key_is_a_property_of_its_input_or_a_place_of_the_page(PaymentRequestField field)
    {
        var key = RuleViolation.KeyOf(field);
        var inputs = ShownOn[field];

        if (inputs.Length == 0)
        {
            Assert.Contains(key, PageKeys);
        }

        Assert.All(inputs, input => AssertHasProperty(input, key));
    }

    [Theory]
    [MemberData(nameof(UploadFields))]
    public void An_upload_key_is_a_property_of_the_upload_forms(UploadField field)
    {
        var key = RuleViolation.KeyOf(field);

        Assert.All(UploadShownOn[field], input => AssertHasProperty(input, key));
    }

    [Fact]
    public void A_key_is_stored_as_its_members_name()
    {
        var violation = RuleViolation.Of(PaymentRequestField.PilaPaidOn, "Indique la fecha de pago de la planilla.");

        Assert.Equal(nameof(PaymentRequestInput.PilaPaidOn), violation.Field);
        Assert.Equal(string.Empty, RuleViolation.General("Todo el formulario.").Field);
    }

    private static void AssertHasProperty(Type input, string name)
    {
        var property = input.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
        Assert.True(property is { CanWrite: true }, $"{input.Name} has no bindable property \"{name}\" to show the message next to.");
    }
}
