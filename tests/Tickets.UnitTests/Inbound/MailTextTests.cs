using Tickets.Common;
using Tickets.Inbound;

namespace Tickets.UnitTests.Inbound;

/// <summary>HTML-only mail turned to the text a ticket keeps, and any text cleaned to what a ticket may hold.</summary>
public sealed class MailTextTests
{
    [Fact]
    public void ScriptsStylesAndCommentsAreNeverText()
    {
        const string html = "<html><head><title>x</title><style>p{color:red}</style></head><body><!-- hidden --><script>alert(1)</script><p>Hola</p></body></html>";

        Assert.Equal("Hola", MailText.FromHtml(html));
    }

    [Fact]
    public void BlocksAndBreaksBecomeLinesAndEntitiesAreDecoded()
    {
        const string html = "<div dir=\"ltr\">Buenos d&iacute;as,<div><br></div><div>la impresora &quot;HP&quot; &amp; el esc&aacute;ner fallan.</div><p>Gracias&nbsp;&#8212; Ana</p></div>";

        Assert.Equal("Buenos días,\n\nla impresora \"HP\" & el escáner fallan.\n\nGracias — Ana", MailText.FromHtml(html));
    }

    [Fact]
    public void ListsAndTablesKeepTheirItemsApart()
    {
        const string html = "<ul><li>uno</li><li>dos</li></ul><table><tr><td>Equipo</td><td>PC-12</td></tr></table>";

        Assert.Equal("- uno\n- dos\n\nEquipo PC-12", MailText.FromHtml(html));
    }

    [Fact]
    public void AGmailHtmlReplyIsQuotedSoItsQuoteIsCut()
    {
        const string html = "<div dir=\"ltr\">Ya funciona.</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">"
            + "El lun, 7 dic 2026 a las 10:15, Soporte (&lt;soporte@example.org&gt;) escribió:<br></div>"
            + "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex\"><p>##- Escriba su respuesta por encima de esta línea -##</p><p>Hola</p></blockquote></div>";

        var text = MailText.FromHtml(html);

        Assert.Contains("> ##- Escriba su respuesta", text, StringComparison.Ordinal);
        Assert.Equal("Ya funciona.", ReplyText.Clean(text));
    }

    [Fact]
    public void AnOutlookHtmlReplyIsCutAtItsHeaderBlock()
    {
        const string html = "<html><head><style>p.MsoNormal{margin:0}</style></head><body><div class=WordSection1>"
            + "<p class=MsoNormal>Sigue sin funcionar.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
            + "<div style='border:none;border-top:solid #E1E1E1 1.0pt'><p class=MsoNormal><b>De:</b> Soporte &lt;soporte@example.org&gt; <br>"
            + "<b>Enviado:</b> lunes, 7 de diciembre de 2026 10:15<br><b>Para:</b> Ana<br><b>Asunto:</b> Respuesta en [TCK-000123]</p></div>"
            + "<p class=MsoNormal>##- Escriba su respuesta por encima de esta línea -##</p></div></body></html>";

        Assert.Equal("Sigue sin funcionar.", ReplyText.Clean(MailText.FromHtml(html)));
    }

    [Fact]
    public void MarkupThatIsNotClosedStillGivesItsText()
    {
        Assert.Equal("a < b y c > d", MailText.FromHtml("<p>a &lt; b y c &gt; d"));
    }

    [Fact]
    public void CleanTextIsWhatATicketAccepts()
    {
        var cleaned = MailText.Clean("Hola\u200B\tmundo\r\nlínea\u2028dos\u0007\u202E fin  \r\n\r\n\r\n\r\nfinal\uFEFF");

        Assert.Equal("Hola mundo\nlínea\ndos fin\n\nfinal", cleaned);
        Assert.Null(Text.Problem(cleaned, TextKind.Lines));
    }

    [Fact]
    public void TruncateNeverSplitsASurrogatePair()
    {
        Assert.Equal("ab", MailText.Truncate("ab😀", 3));
    }
}
