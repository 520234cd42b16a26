using Tickets.Inbound;

namespace Tickets.UnitTests.Inbound;

/// <summary>Replies as real mail clients write them: only what the person typed becomes the comment.</summary>
public sealed class ReplyTextTests
{
    [Fact]
    public void GmailInEnglishIsCutAtItsAttribution()
    {
        const string reply = """
            Thanks, it works now.

            On Mon, 7 Dec 2026 at 10:15, Soporte <soporte@example.org> wrote:

            > ##- Please type your reply above this line -##
            >
            > [TCK-000123] The printer does not print
            > Tomás commented on TCK-000123.
            """;

        Assert.Equal("Thanks, it works now.", ReplyText.Clean(reply));
    }

    [Fact]
    public void GmailInSpanishWithItsAttributionSplitOverTwoLinesIsCutAtTheFirst()
    {
        const string reply = """
            Ya funciona, gracias.
            Un saludo,
            Ana

            El lun, 7 dic 2026 a las 10:15, Soporte (<
            soporte@example.org>) escribió:

            > ##- Escriba su respuesta por encima de esta línea -##
            > Último mensaje, de Tomás Técnico:
            """;

        Assert.Equal("Ya funciona, gracias.\nUn saludo,\nAna", ReplyText.Clean(reply));
    }

    [Fact]
    public void OutlookInSpanishIsCutAtTheRuleAboveItsHeaderBlock()
    {
        const string reply = "Sigue sin funcionar, os adjunto otra captura.\r\n\r\n"
            + "________________________________\r\n"
            + "De: Soporte <soporte@example.org>\r\n"
            + "Enviado: lunes, 7 de diciembre de 2026 10:15\r\n"
            + "Para: Ana García <ana@example.org>\r\n"
            + "Asunto: Respuesta en [TCK-000123] La impresora no imprime\r\n\r\n"
            + "##- Escriba su respuesta por encima de esta línea -##\r\n";

        Assert.Equal("Sigue sin funcionar, os adjunto otra captura.", ReplyText.Clean(reply));
    }

    [Fact]
    public void OutlookInEnglishIsCutAtOriginalMessage()
    {
        const string reply = """
            Still broken after the restart.

            -----Original Message-----
            From: Soporte <soporte@example.org>
            Sent: Monday, December 7, 2026 10:15 AM
            To: Ann <ann@example.org>
            Subject: Reply on [TCK-000123] The printer does not print
            """;

        Assert.Equal("Still broken after the restart.", ReplyText.Clean(reply));
    }

    [Fact]
    public void OutlookWebInEnglishIsCutAtItsHeaderBlockWithoutARule()
    {
        const string reply = """
            Done, you can close it.

            From: Soporte <soporte@example.org>
            Sent: Monday, December 7, 2026 10:15
            To: Ann <ann@example.org>
            """;

        Assert.Equal("Done, you can close it.", ReplyText.Clean(reply));
    }

    [Fact]
    public void AppleMailKeepsThePersonsTextAndCutsItsQuotedAttribution()
    {
        const string reply = """
            Done, thanks!

            Sent from my iPhone

            > On 7 Dec 2026, at 10:15, Soporte <soporte@example.org> wrote:
            >
            > ##- Please type your reply above this line -##
            """;

        Assert.Equal("Done, thanks!\n\nSent from my iPhone", ReplyText.Clean(reply));
    }

    [Fact]
    public void ThunderbirdInSpanishLosesItsSignatureAndQuote()
    {
        const string reply = "Adjunto la captura.\n\n-- \nAna García\nContabilidad\n\n"
            + "El 7/12/26 a las 10:15, Soporte escribió:\n> ##- Escriba su respuesta por encima de esta línea -##\n";

        Assert.Equal("Adjunto la captura.", ReplyText.Clean(reply));
    }

    [Fact]
    public void AReplyThatOnlyQuotesOurMarkerIsCutThere()
    {
        Assert.Equal("Gracias", ReplyText.Clean("Gracias\n\n##- Escriba su respuesta por encima de esta línea -##\n\nTCK-000123"));
    }

    [Fact]
    public void QuotesInsideTheTextAreKeptOnlyTheTrailingBlockGoes()
    {
        const string reply = "> ¿Ha probado a reiniciar?\nSí, dos veces.\n\n> Adjunto un enlace\n> con más datos";

        Assert.Equal("> ¿Ha probado a reiniciar?\nSí, dos veces.", ReplyText.Clean(reply));
    }

    [Fact]
    public void TextWithNothingToCutStaysAsWritten()
    {
        const string text = "El equipo 3 no arranca.\nOn the second floor, desk 12.";

        Assert.Equal(text, ReplyText.Clean(text));
    }

    [Fact]
    public void AReplyOfOnlyQuotedTextIsEmpty()
    {
        Assert.Equal("", ReplyText.Clean("\n> On Mon, 7 Dec 2026 at 10:15, Soporte wrote:\n> hola\n"));
    }
}
