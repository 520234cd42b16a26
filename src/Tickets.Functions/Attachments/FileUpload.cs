using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Tickets.Attachments;
using Tickets.Common;
using Tickets.Functions.Http;

namespace Tickets.Functions.Attachments;

/// <summary>The body of a file upload, as the API document describes it: <c>multipart/form-data</c> with one part.</summary>
public sealed record FileForm([property: Description("The file, its name in the part's Content-Disposition filename (or filename*). Exactly one part, named file.")] byte[] File)
{
    public const string MediaType = "multipart/form-data";

    /// <summary>The one part's name; also the field every problem about the upload names.</summary>
    public const string Part = "file";
}

/// <summary>
/// Reads a <see cref="FileForm"/> body without buffering it: the one <c>file</c> part's stream is handed on as it arrives
/// (the limit is counted by whoever reads it). 415 naming <c>file</c> for a body that is not multipart/form-data, 400 naming it
/// for a missing part, another part, or a malformed body; 413 at once when Content-Length already says too much.
/// </summary>
public static class FileUpload
{
    /// <summary>Room for the multipart framing around the file: boundaries and part headers.</summary>
    public const long FramingBytes = 64 * 1024;

    /// <param name="maxBytes">The largest file; a body declaring more than this plus <see cref="FramingBytes"/> is refused unread.</param>
    /// <param name="store">Takes the part's stream and the file name the client sent.</param>
    /// <param name="discard">Undoes <paramref name="store"/> when the body turns out to carry another part after the file.</param>
    /// <param name="answer">The answer once the body was exactly the one part.</param>
    public static async Task<IActionResult> WithFileAsync<T>(
        this HttpRequest request, long maxBytes, Func<Stream, string?, Task<Result<T>>> store, Func<T, Task> discard, Func<T, IActionResult> answer)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(FileForm.MediaType, StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            return Api.Problem(new Error(ErrorKind.UnsupportedMediaType, "unsupported_media_type", "Unsupported media type.",
                "Send the file as multipart/form-data (with its boundary) in one part named file.")
            {
                Errors = new Dictionary<string, string[]> { [FileForm.Part] = ["Must be sent as multipart/form-data."] },
                ErrorCodes = new Dictionary<string, string[]> { [FileForm.Part] = [FieldCodes.NotAllowed] },
            });
        }

        if (request.ContentLength > maxBytes + FramingBytes) return Api.Problem(UploadLimits.TooLarge(maxBytes));

        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            var section = await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted);
            var disposition = section?.GetContentDispositionHeader();
            if (section is null || disposition is null || !disposition.IsFileDisposition()
                || !HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FileForm.Part, StringComparison.Ordinal))
                return Malformed("Send exactly one part, named file, with a file name.");

            var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            var stored = await store(section.Body, fileName);
            if (!stored.IsSuccess) return Api.Problem(stored.Error!);

            if (await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted) is not null)
            {
                await discard(stored.Value);
                return Malformed("Send exactly one part, named file: this body has more.");
            }

            return answer(stored.Value);
        }
        catch (Exception e) when (e is IOException or InvalidDataException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // A body that ends early or breaks the multipart framing; a client that went away is not answered.
            return Malformed("The multipart body is malformed or ended early.");
        }
    }

    private static IActionResult Malformed(string message) => Api.Problem(Error.Field(FileForm.Part, FieldCodes.Invalid, message));
}
