using MimeKit;

namespace Tickets.UnitTests.Inbound;

/// <summary>Inbound mail for tests, as a client would send it.</summary>
internal sealed class MailBuilder
{
    private readonly MimeMessage _message = new();
    private string _text = "La impresora de la segunda planta no imprime.";
    private string? _html;
    private readonly List<(string Name, byte[] Content)> _files = [];

    private MailBuilder(string from, string? name)
    {
        _message.From.Add(new MailboxAddress(name ?? "", from));
        _message.To.Add(new MailboxAddress("Soporte", "soporte@example.org"));
        _message.Subject = "La impresora no imprime";
        _message.MessageId = Guid.NewGuid().ToString("N") + "@mail.example.com";
    }

    public static MailBuilder From(string address, string? name = null) => new(address, name);

    public MailBuilder Subject(string subject)
    {
        _message.Subject = subject;
        return this;
    }

    public MailBuilder MessageId(string? id)
    {
        if (id is null) _message.Headers.Remove(HeaderId.MessageId);
        else _message.MessageId = id;
        return this;
    }

    public MailBuilder InReplyTo(string id)
    {
        _message.InReplyTo = id;
        _message.References.Add(id);
        return this;
    }

    public MailBuilder Header(string name, string value)
    {
        _message.Headers.Add(name, value);
        return this;
    }

    public MailBuilder Text(string text)
    {
        _text = text;
        return this;
    }

    public MailBuilder HtmlOnly(string html)
    {
        _html = html;
        return this;
    }

    public MailBuilder File(string name, byte[] content)
    {
        _files.Add((name, content));
        return this;
    }

    public MimeMessage Mime()
    {
        var body = new BodyBuilder();
        if (_html is null) body.TextBody = _text;
        else body.HtmlBody = _html;
        foreach (var (name, content) in _files) body.Attachments.Add(name, content);
        _message.Body = body.ToMessageBody();
        return _message;
    }

    public byte[] Raw()
    {
        using var stream = new MemoryStream();
        Mime().WriteTo(stream);
        return stream.ToArray();
    }
}
