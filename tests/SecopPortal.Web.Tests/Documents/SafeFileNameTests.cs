using Microsoft.Net.Http.Headers;
using SecopPortal.Infrastructure.Documents;

namespace SecopPortal.Web.Tests.Documents;

public sealed class SafeFileNameTests
{
    [Theory]
    [InlineData("Cuenta de cobro marzo ñ.pdf", "Cuenta de cobro marzo ñ.pdf")]
    [InlineData("C:\\Users\\juan\\Documentos\\Cuenta.pdf", "Cuenta.pdf")]
    [InlineData("/home/juan/informe.docx", "informe.docx")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("  Informe    de\tactividades  .pdf", "Informe de actividades.pdf")]
    [InlineData("informe<>:\"|?*.pdf", "informe.pdf")]
    [InlineData("in\u0000for\u0007me.pdf", "informe.pdf")]
    [InlineData("factura\u202Efdp.exe", "facturafdp.exe")]
    [InlineData("...informe.pdf...", "informe.pdf")]
    [InlineData(".pdf", "documento.pdf")]
    [InlineData("   ", "documento")]
    [InlineData("", "documento")]
    [InlineData("***.zip", "documento.zip")]
    [InlineData("CON.pdf", "CON_.pdf")]
    public void Display_name_is_cleaned(string original, string expected)
    {
        Assert.Equal(expected, SafeFileName.ForDisplay(original));
    }

    [Fact]
    public void Decomposed_accents_from_a_mac_are_recomposed()
    {
        Assert.Equal("Certificación.pdf", SafeFileName.ForDisplay("Certificacio\u0301n.pdf"));
    }

    [Fact]
    public void Null_name_falls_back()
    {
        Assert.Equal("documento", SafeFileName.ForDisplay(null));
    }

    [Fact]
    public void Long_name_is_capped_at_200_characters_keeping_its_extension()
    {
        var display = SafeFileName.ForDisplay(new string('a', 300) + ".pdf");

        Assert.Equal(200, display.Length);
        Assert.EndsWith("a.pdf", display, StringComparison.Ordinal);
    }

    [Fact]
    public void Capping_never_splits_an_emoji()
    {
        var display = SafeFileName.ForDisplay(new string('a', 195) + "😀😀😀.pdf");

        Assert.True(display.Length <= 200);
        Assert.EndsWith(".pdf", display, StringComparison.Ordinal);
        for (var i = 0; i < display.Length; i++)
        {
            if (char.IsHighSurrogate(display[i]))
            {
                Assert.True(i + 1 < display.Length && char.IsLowSurrogate(display[i + 1]), $"lone high surrogate at {i}");
            }
            else if (char.IsLowSurrogate(display[i]))
            {
                Assert.True(i > 0 && char.IsHighSurrogate(display[i - 1]), $"lone low surrogate at {i}");
            }
        }
    }

    [Theory]
    [InlineData("foto.png", "foto.pdf")]
    [InlineData("Cuenta de cobro", "Cuenta de cobro.pdf")]
    [InlineData("cuenta.PDF", "cuenta.PDF")]
    public void Display_name_gets_the_extension_of_the_detected_content(string original, string expected)
    {
        Assert.Equal(expected, SafeFileName.ForDisplay(original, DetectedType.Pdf));
    }

    [Fact]
    public void Jpeg_keeps_any_of_its_usual_extensions()
    {
        Assert.Equal("foto.jpeg", SafeFileName.ForDisplay("foto.jpeg", DetectedType.Jpeg));
        Assert.Equal("foto.JPG", SafeFileName.ForDisplay("foto.JPG", DetectedType.Jpeg));
        Assert.Equal("foto.jpg", SafeFileName.ForDisplay("foto.gif", DetectedType.Jpeg));
    }

    [Fact]
    public void Content_disposition_has_an_ascii_fallback_and_the_exact_utf8_name()
    {
        var header = SafeFileName.ContentDispositionFor("Cuenta de cobro marzo ñ.pdf");

        Assert.Equal(
            "attachment; filename=\"Cuenta de cobro marzo n.pdf\"; filename*=UTF-8''Cuenta%20de%20cobro%20marzo%20%C3%B1.pdf",
            header);

        var parsed = ContentDispositionHeaderValue.Parse(header);
        Assert.Equal("attachment", parsed.DispositionType.Value);
        Assert.Equal("Cuenta de cobro marzo ñ.pdf", parsed.FileNameStar.Value);
        Assert.Equal("Cuenta de cobro marzo n.pdf", HeaderUtilities.RemoveQuotes(parsed.FileName).Value);
    }

    [Fact]
    public void Content_disposition_cannot_be_broken_out_of()
    {
        var header = SafeFileName.ContentDispositionFor("a\"; filename=evil.exe\r\nSet-Cookie: x=1;.pdf");

        Assert.DoesNotContain('\r', header);
        Assert.DoesNotContain('\n', header);
        var parsed = ContentDispositionHeaderValue.Parse(header);
        Assert.DoesNotContain("\"", parsed.FileName.Value!.Trim('"'), StringComparison.Ordinal);
        Assert.EndsWith(".pdf", parsed.FileNameStar.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_disposition_of_a_name_without_ascii_letters_still_has_a_fallback()
    {
        var parsed = ContentDispositionHeaderValue.Parse(SafeFileName.ContentDispositionFor("契約書.pdf"));

        Assert.Equal("___.pdf", HeaderUtilities.RemoveQuotes(parsed.FileName).Value);
        Assert.Equal("契約書.pdf", parsed.FileNameStar.Value);
    }
}
