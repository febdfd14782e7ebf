using SecopPortal.Infrastructure.Documents;
using static SecopPortal.Web.Tests.Documents.ActiveContentFiles;

namespace SecopPortal.Web.Tests.Documents;

/// <summary>Active content: macros, ActiveX and embedded programs in Office documents; JavaScript and launch actions in PDFs.</summary>
public sealed partial class ContentInspectorTests
{
    private const string CleanDocxMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    [Fact]
    public async Task Docx_with_a_vba_project_is_refused_with_the_spanish_message()
    {
        var message = (await RefusedAsync(DocxWithVbaProject(), "informe.docx", RefusalReason.OfficeMacros)).RefusalMessage!;

        Assert.Equal("El documento «informe.docx» contiene macros (código VBA); guárdelo como .docx o .xlsx sin macros y vuelva a anexarlo.", message);
    }

    [Theory]
    [InlineData("application/vnd.ms-word.document.macroEnabled.main+xml")]
    [InlineData("application/vnd.ms-word.template.macroEnabledTemplate.main+xml")]
    [InlineData("application/vnd.ms-word.document.macro&#69;nabled.main+xml")]
    public async Task Docx_whose_content_types_say_macro_enabled_is_refused(string mainContentType)
    {
        await RefusedAsync(Docx(mainContentType), "informe.docx", RefusalReason.OfficeMacros);
    }

    [Fact]
    public async Task Docx_declaring_a_vba_content_type_is_refused()
    {
        await RefusedAsync(Docx(CleanDocxMain, "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"), "informe.docx", RefusalReason.OfficeMacros);
    }

    [Theory]
    [InlineData("word/vbaData.xml")]
    [InlineData("word/VBAPROJECT.BIN")]
    [InlineData("customUI/vbaProject.bin")]
    [InlineData("word/embeddings/Hoja_de_calculo_habilitada_para_macros.xlsm")]
    public async Task Docx_with_a_macro_part_anywhere_is_refused(string partName)
    {
        await RefusedAsync(Docx(extraParts: [(partName, VbaProjectBytes())]), "informe.docx", RefusalReason.OfficeMacros);
    }

    [Fact]
    public async Task Xlsm_is_refused_whatever_it_is_called()
    {
        var message = (await RefusedAsync(Xlsm(), "planilla.xlsx", RefusalReason.OfficeMacros)).RefusalMessage!;

        Assert.Contains("«planilla.xlsx» contiene macros (código VBA)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Excel_4_macro_sheet_is_refused()
    {
        await RefusedAsync(Docx(extraParts: [("xl/macrosheets/sheet1.xml", TestFiles.Utf8("<xm:macrosheet/>"))]), "planilla.xlsx", RefusalReason.OfficeMacros);
    }

    [Fact]
    public async Task Docx_with_an_activex_control_is_refused()
    {
        var docx = Docx(CleanDocxMain, extraParts: [("word/activeX/activeX1.xml", TestFiles.Utf8("<ax:ocx/>"))]);

        var message = (await RefusedAsync(docx, "formulario.docx", RefusalReason.OfficeActiveX)).RefusalMessage!;

        Assert.Contains("controles ActiveX", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docx_declaring_the_activex_content_type_is_refused()
    {
        await RefusedAsync(Docx(CleanDocxMain, "<Default Extension=\"ax\" ContentType=\"application/vnd.ms-office.activeX\"/>"), "formulario.docx", RefusalReason.OfficeActiveX);
    }

    [Theory]
    [InlineData("word/embeddings/factura.exe")]
    [InlineData("word/embeddings/abrir.vbs")]
    public async Task Docx_embedding_a_program_is_refused(string partName)
    {
        await RefusedAsync(Docx(extraParts: [(partName, TestFiles.WindowsExecutable())]), "informe.docx", RefusalReason.OfficeEmbeddedProgram);
    }

    [Fact]
    public async Task Docx_embedding_a_spreadsheet_or_an_ole_object_is_accepted()
    {
        var docx = Docx(extraParts: [("word/embeddings/Microsoft_Excel_Worksheet.xlsx", TestFiles.Xlsx()), ("word/embeddings/oleObject1.bin", [0xD0, 0xCF, 0x11, 0xE0])]);

        Assert.Equal(DocumentKind.Docx, (await AcceptedAsync(docx, "informe.docx")).Kind);
    }

    [Fact]
    public async Task Clean_docx_and_xlsx_are_still_accepted()
    {
        Assert.Equal(DocumentKind.Docx, (await AcceptedAsync(TestFiles.Docx(), "informe.docx")).Kind);
        Assert.Equal(DocumentKind.Docx, (await AcceptedAsync(Docx(), "informe.docx")).Kind);
        Assert.Equal(DocumentKind.Xlsx, (await AcceptedAsync(TestFiles.Xlsx(), "planilla.xlsx")).Kind);
    }

    [Fact]
    public async Task Plain_zip_is_not_judged_as_an_office_package()
    {
        var zip = TestFiles.Zip(("sitio/activeX/control.txt", TestFiles.Text()), ("respaldo/vbaProject.bin", VbaProjectBytes()));

        Assert.Equal(DocumentKind.Zip, (await AcceptedAsync(zip, "evidencias.zip")).Kind);
    }

    [Fact]
    public async Task Office_package_with_oversized_content_types_is_refused_as_damaged()
    {
        var padded = Docx(CleanDocxMain, $"<!--{Convert.ToBase64String(TestFiles.RandomBytes(800 * 1024))}-->");

        await RefusedAsync(padded, "informe.docx", RefusalReason.CorruptZip);
    }

    [Fact]
    public async Task Pdf_with_an_open_action_running_javascript_is_refused_with_the_spanish_message()
    {
        var message = (await RefusedAsync(PdfWithJavaScript(), "Cuenta de cobro.pdf", RefusalReason.PdfActiveContent)).RefusalMessage!;

        Assert.Equal("El PDF «Cuenta de cobro.pdf» contiene código JavaScript o acciones que abren programas; imprímalo como PDF de nuevo sin ellas y vuelva a anexarlo.", message);
    }

    [Fact]
    public async Task Pdf_with_a_launch_action_is_refused()
    {
        var pdf = Pdf("/OpenAction 4 0 R ", Latin1("<< /Type /Action /S /Launch /Win << /F (cmd.exe) /P (/c calc) >> >>"));

        await RefusedAsync(pdf, "acta.pdf", RefusalReason.PdfActiveContent);
    }

    [Fact]
    public async Task Pdf_with_a_document_javascript_name_tree_is_refused()
    {
        var pdf = Pdf("/Names << /JavaScript 4 0 R >> ", Latin1("<< /Names [(inicio) << /S /JavaScript /JS 5 0 R >>] >>"));

        await RefusedAsync(pdf, "acta.pdf", RefusalReason.PdfActiveContent);
    }

    [Fact]
    public async Task Pdf_with_javascript_inside_a_flate_object_stream_is_refused()
    {
        var pdf = Pdf("/OpenAction 4 0 R ", ObjectStream(5, "<< /S /JavaScript /JS (this.print\\(\\);) >>"), Latin1("<< /Type /Action /Next 5 0 R /S /GoTo /D [3 0 R /Fit] >>"));

        await RefusedAsync(pdf, "acta.pdf", RefusalReason.PdfActiveContent);
    }

    [Fact]
    public async Task Pdf_with_a_launch_action_inside_an_unfiltered_object_stream_is_refused()
    {
        await RefusedAsync(Pdf("", ObjectStream(5, "<</S/Launch/F(calc.exe)>>", deflate: false)), "acta.pdf", RefusalReason.PdfActiveContent);
    }

    [Theory]
    [InlineData("/OpenAction << /S /Java#53cript /JS (x) >> ")]
    [InlineData("/OpenAction << /S /#4a#61#76#61#53#63#72#69#70#74 >> ")]
    [InlineData("/OpenAction<</S/Laun#63h/F(calc.exe)>>")]
    [InlineData("/AA << /O << /#4AS (x) >> >> ")]
    public async Task Pdf_hiding_the_names_behind_hex_escapes_is_refused(string catalogExtra)
    {
        await RefusedAsync(Pdf(catalogExtra), "acta.pdf", RefusalReason.PdfActiveContent);
    }

    [Fact]
    public async Task Pdf_hiding_an_action_after_a_stray_stream_keyword_is_refused()
    {
        await RefusedAsync(Pdf("", Latin1("<< >>\nstream\n4 0 obj << /S /JavaScript /JS (x) >>")), "acta.pdf", RefusalReason.PdfActiveContent);
    }

    [Fact]
    public async Task Electronic_invoice_pdf_carrying_its_xml_is_accepted()
    {
        var xml = TestFiles.Utf8("<?xml version=\"1.0\"?><Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"><cbc:ID>FE-1001</cbc:ID></Invoice>");
        var pdf = Pdf(
            "/Names << /EmbeddedFiles << /Names [(factura.xml) 4 0 R] >> >> /AF [4 0 R] ",
            Latin1("<< /Type /Filespec /F (factura.xml) /UF (factura.xml) /AFRelationship /Data /EF << /F 5 0 R >> >>"),
            ActiveContentFiles.Stream("/Type /EmbeddedFile /Subtype /text#2Fxml /Filter /FlateDecode", Deflate(xml)));

        Assert.Equal(DocumentKind.Pdf, (await AcceptedAsync(pdf, "FE-1001.pdf")).Kind);
    }

    [Fact]
    public async Task Pdf_with_a_clean_object_stream_and_harmless_strings_is_accepted()
    {
        var pdf = Pdf(
            "/OpenAction [3 0 R /Fit] /Info << /Title (Manual /JS y /JavaScript \\(capitulo 2\\)) >> ",
            ObjectStream(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
            ActiveContentFiles.Stream("/Type /XObject /Subtype /Image /Width 4 /Height 4 /BitsPerComponent 8 /ColorSpace /DeviceGray", Latin1("/JS )( /JS%\n")));

        Assert.Equal(DocumentKind.Pdf, (await AcceptedAsync(pdf, "manual.pdf")).Kind);
    }

    [Fact]
    public async Task Normal_pdfs_are_accepted()
    {
        Assert.Equal(DocumentKind.Pdf, (await AcceptedAsync(TestFiles.Pdf(), "Cuenta de cobro.pdf")).Kind);
        Assert.Equal(DocumentKind.Pdf, (await AcceptedAsync(TestFiles.Pdf(padding: 200_000), "Cuenta de cobro.pdf")).Kind);
        Assert.Equal(DocumentKind.Pdf, (await AcceptedAsync(Pdf(), "acta.pdf")).Kind);
    }

    [Fact]
    public async Task Pdf_whose_object_stream_does_not_inflate_keeps_being_accepted()
    {
        // As an encrypted file's object streams: FlateDecode over bytes that are not zlib.
        var garbage = TestFiles.RandomBytes(4096);
        var pdf = Pdf("", [.. Latin1($"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {garbage.Length} >>\nstream\n"), .. garbage, .. Latin1("\nendstream")]);

        Assert.Equal(DocumentKind.Pdf, (await AcceptedAsync(pdf, "cifrado.pdf")).Kind);
    }

    [Fact]
    public async Task Pdf_whose_object_stream_is_a_compression_bomb_is_refused()
    {
        var pdf = Pdf("", ObjectStream(5, "<< >>" + new string(' ', 4 * 1024 * 1024) + "<< /S /JavaScript >>"));

        var message = (await RefusedAsync(pdf, "acta.pdf", RefusalReason.PdfCompressionRatio)).RefusalMessage!;

        Assert.Contains("comprimidos de forma anómala", message, StringComparison.Ordinal);
    }
}
