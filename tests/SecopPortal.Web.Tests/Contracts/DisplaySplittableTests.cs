using System.Text.Encodings.Web;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Tests.Contracts;

/// <summary>
/// <see cref="Display.Splittable"/> (issue 11): long file names, e-mails and contract numbers may go onto the next line
/// only after _ - . @ and /, and the text itself is encoded as any other text of a view.
/// </summary>
public sealed class DisplaySplittableTests
{
    [Theory]
    [InlineData("certificacion_bancaria.pdf", "certificacion_<wbr>bancaria.<wbr>pdf")]
    [InlineData("contratista2@secop.test", "contratista2@<wbr>secop.<wbr>test")]
    [InlineData("CO1.PCCNTR.7150093", "CO1.<wbr>PCCNTR.<wbr>7150093")]
    [InlineData("acta-de_inicio/v2.", "acta-<wbr>de_<wbr>inicio/<wbr>v2.")]
    [InlineData("Sistema", "Sistema")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Puts_a_break_opportunity_after_each_natural_point_and_none_at_the_end(string? text, string expected)
    {
        Assert.Equal($"<span class=\"splittable\">{expected}</span>", Html(text));
    }

    [Fact]
    public void Encodes_the_text_between_the_break_points()
    {
        Assert.Equal("<span class=\"splittable\">&lt;b&gt;_<wbr>&amp;.<wbr>pdf</span>", Html("<b>_&.pdf"));
    }

    private static string Html(string? text)
    {
        using var writer = new StringWriter();
        Display.Splittable(text).WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}
