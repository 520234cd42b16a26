using Tickets.Common;

namespace Tickets.Attachments;

/// <summary>The one answer for a file over <see cref="AttachmentOptions.MaxBytes"/>, whether Content-Length said so or the count while streaming did.</summary>
public static class UploadLimits
{
    /// <summary>413 naming <c>file</c>, with the limit as <c>maxBytes</c> (clients say it in their reader's words).</summary>
    public static Error TooLarge(long maxBytes) =>
        new(ErrorKind.PayloadTooLarge, "payload_too_large", "Payload too large.", $"A file may not exceed {maxBytes} bytes; nothing was kept.")
        {
            Errors = new Dictionary<string, string[]> { [FileNames.Field] = [$"Is larger than {maxBytes} bytes."] },
            ErrorCodes = new Dictionary<string, string[]> { [FileNames.Field] = [FieldCodes.TooLong] },
            Extensions = new Dictionary<string, object?> { ["maxBytes"] = maxBytes },
        };
}
