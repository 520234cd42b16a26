using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Attachments;

/// <summary>Small helpers over the attachment routes, for readable tests.</summary>
public static class AttachmentClient
{
    /// <summary>Minimal images of each kind the help desk takes (their signatures and a little more).</summary>
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    /// <summary>POST /attachments with one <c>file</c> part.</summary>
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, byte[] content, string fileName, string partName = "file")
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, partName, fileName);
        return client.PostAsync("api/attachments", form);
    }

    /// <summary>Uploads and asserts the 201; returns its body ({id, fileName, contentType, size, sha256}).</summary>
    public static async Task<JsonElement> UploadedAsync(this HttpClient client, byte[] content, string fileName)
    {
        var response = await client.UploadAsync(content, fileName);
        Assert.Equal(201, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> CreateTicketWithAsync(this HttpClient client, params string[] attachmentIds) =>
        client.PostAsJsonAsync("api/tickets", new { title = "Adjunto una captura", description = "Mirad la captura.", attachmentIds });

    public static Task<HttpResponseMessage> CommentWithAsync(this HttpClient client, string ticketId, bool isInternal, params string[] attachmentIds) =>
        client.PostAsJsonAsync($"api/tickets/{ticketId}/comments", new { body = "Va un fichero.", @internal = isInternal, attachmentIds });

    /// <summary>GET /attachments/{id} without following the redirect.</summary>
    public static Task<HttpResponseMessage> GetAttachmentAsync(this HttpClient client, string id) => client.GetAsync($"api/attachments/{id}");

    /// <summary>Reads what a link points at, as a browser would: no token (the link carries its own signature).</summary>
    public static async Task<HttpResponseMessage> FollowAsync(Uri link)
    {
        using var anonymous = new HttpClient();
        return await anonymous.GetAsync(link);
    }

    public static string Id(this JsonElement element) => element.Str("id");
}
