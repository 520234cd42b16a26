using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Tickets.Common;

namespace Tickets.Attachments;

/// <summary>
/// The bytes of an upload on their way to the blob: the head already read for sniffing, then the rest of the request,
/// counted (the limit holds while streaming, whatever Content-Length said), hashed, and for text kinds checked to the
/// last byte (UTF-8, no NUL). A refusal stops the stream by throwing; <see cref="Refusal"/> says why, so the caller
/// can tell it from a failure of the blob service and remove whatever was written.
/// </summary>
internal sealed class CheckedUpload(ReadOnlyMemory<byte> head, Stream rest, long maxBytes, bool text) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _carry = new byte[4];
    private ReadOnlyMemory<byte> _head = head;
    private int _carried;
    private bool _ended;

    /// <summary>Why the content was refused (413 too large, 415 not the text it claimed to be); null while it is fine.</summary>
    public Error? Refusal { get; private set; }

    /// <summary>Bytes passed on so far; all of them once the stream has ended.</summary>
    public long Length64 { get; private set; }

    /// <summary>The SHA-256 of everything, lowercase hex; only once the stream has ended.</summary>
    public string Sha256() => _ended ? Convert.ToHexStringLower(_hash.GetCurrentHash()) : throw new InvalidOperationException("The upload has not been read to its end.");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (!_head.IsEmpty)
        {
            read = Math.Min(_head.Length, buffer.Length);
            _head[..read].CopyTo(buffer);
            _head = _head[read..];
        }
        else
        {
            read = await rest.ReadAsync(buffer, cancellationToken);
        }

        return Observe(buffer.Span[..read]);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        if (!_head.IsEmpty)
        {
            read = Math.Min(_head.Length, buffer.Length);
            _head.Span[..read].CopyTo(buffer);
            _head = _head[read..];
        }
        else
        {
            read = rest.Read(buffer);
        }

        return Observe(buffer[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Observe(ReadOnlySpan<byte> bytes)
    {
        if (Refusal is not null) throw new UploadRefusedException(Refusal);
        if (bytes.IsEmpty)
        {
            if (!_ended && text && _carried > 0) Refuse(NotUtf8());
            _ended = true;
            return 0;
        }

        Length64 += bytes.Length;
        if (Length64 > maxBytes) Refuse(UploadLimits.TooLarge(maxBytes));
        if (text && (bytes.Contains((byte)0) || !ContinuesUtf8(bytes))) Refuse(NotUtf8());
        _hash.AppendData(bytes);
        return bytes.Length;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Refuse(Error error)
    {
        Refusal = error;
        throw new UploadRefusedException(error);
    }

    /// <summary>Whether <paramref name="bytes"/> continue valid UTF-8; a sequence cut at their end is carried into the next read.</summary>
    private bool ContinuesUtf8(ReadOnlySpan<byte> bytes)
    {
        while (_carried > 0 && !bytes.IsEmpty)
        {
            _carry[_carried++] = bytes[0];
            bytes = bytes[1..];
            var status = Rune.DecodeFromUtf8(_carry.AsSpan(0, _carried), out _, out _);
            if (status == OperationStatus.Done) _carried = 0;
            else if (status != OperationStatus.NeedMoreData || _carried == _carry.Length) return false;
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Min(bytes.Length, 64 * 1024) + 1);
        try
        {
            while (!bytes.IsEmpty)
            {
                var status = Utf8.ToUtf16(bytes, chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: false);
                bytes = bytes[consumed..];
                if (status == OperationStatus.InvalidData) return false;
                if (status == OperationStatus.NeedMoreData)
                {
                    bytes.CopyTo(_carry);
                    _carried = bytes.Length;
                    return true;
                }
            }

            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static Error NotUtf8() => FileKinds.Refused("Text must be UTF-8 without NUL characters, to its end.");

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Length64;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Thrown through the blob SDK by <see cref="CheckedUpload"/> to stop an upload it refuses.</summary>
internal sealed class UploadRefusedException(Error error) : Exception(error.Detail)
{
    public Error Error { get; } = error;
}
