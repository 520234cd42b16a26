namespace Tickets.Attachments;

/// <summary>The kinds of file the help desk takes, decided by the content's signature (never by the name).</summary>
public static class FileKinds
{
    /// <summary>Images and pdf open in the browser; everything else is downloaded.</summary>
    public static bool IsInline(string contentType) =>
        contentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp" or "application/pdf";
}
