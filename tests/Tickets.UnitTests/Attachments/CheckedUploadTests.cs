using System.Security.Cryptography;
using System.Text;
using Tickets.Attachments;
using Tickets.Common;

namespace Tickets.UnitTests.Attachments;

public sealed class CheckedUploadTests
{
    /// <summary>Reads it all as the blob SDK would, in small reads so sequences and limits fall across them.</summary>
    private static async Task<(byte[] Read, Error? Refusal)> DrainAsync(CheckedUpload upload, int chunk = 3)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[chunk];
        try
        {
            int read;
            while ((read = await upload.ReadAsync(buffer)) > 0) copy.Write(buffer, 0, read);
        }
        catch (Exception)
        {
            return (copy.ToArray(), upload.Refusal ?? throw new InvalidOperationException("Thrown without a refusal."));
        }

        return (copy.ToArray(), null);
    }

    private static CheckedUpload Of(byte[] content, int headLength, long maxBytes, bool text) =>
        new(content.AsMemory(0, headLength), new MemoryStream(content, headLength, content.Length - headLength), maxBytes, text);

    [Fact]
    public async Task TheHeadThenTheRestArePassedOnCountedAndHashed()
    {
        var content = RandomNumberGenerator.GetBytes(10_000);
        await using var upload = Of(content, 100, 10_000, text: false);

        var (read, refusal) = await DrainAsync(upload, chunk: 777);

        Assert.Null(refusal);
        Assert.Equal(content, read);
        Assert.Equal(10_000, upload.Length64);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), upload.Sha256());
    }

    [Fact]
    public async Task OneByteOverTheLimitIsRefusedAs413NamingFile()
    {
        await using var upload = Of(new byte[1001], 10, 1000, text: false);

        var (_, refusal) = await DrainAsync(upload, chunk: 64);

        Assert.Equal(ErrorKind.PayloadTooLarge, refusal!.Kind);
        Assert.Equal(["file"], refusal.Errors!.Keys);
    }

    [Fact]
    public async Task TextIsCheckedToItsLastByteAcrossReads()
    {
        var content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("línea ñandú 😀\n", 500)));
        await using var upload = Of(content, 7, content.Length, text: true);

        var (read, refusal) = await DrainAsync(upload, chunk: 5);

        Assert.Null(refusal);
        Assert.Equal(content, read);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public async Task TextThatStopsBeingUtf8AfterTheHeadIsRefusedAs415(byte[] tail)
    {
        var content = Encoding.UTF8.GetBytes(new string('a', 9000)).Concat(tail).ToArray();
        await using var upload = Of(content, 8192, 100_000, text: true);

        var (_, refusal) = await DrainAsync(upload, chunk: 4096);

        Assert.Equal(ErrorKind.UnsupportedMediaType, refusal!.Kind);
        Assert.Equal(["file"], refusal.Errors!.Keys);
    }
}
