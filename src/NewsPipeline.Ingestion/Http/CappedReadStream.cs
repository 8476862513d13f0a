namespace NewsPipeline.Ingestion.Http;

/// <summary>
/// A read-only view of a stream that reports end-of-stream once <c>limit</c> bytes have been read and
/// remembers that it did, so a body is cut off while streaming whatever Content-Length claimed.
/// </summary>
internal sealed class CappedReadStream(Stream inner, long limit) : Stream
{
    private long read;

    public bool LimitExceeded { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var allowed = Allowed(buffer.Length);
        var n = inner.Read(buffer[..allowed]);
        return Count(n);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var allowed = Allowed(buffer.Length);
        var n = await inner.ReadAsync(buffer[..allowed], cancellationToken);
        return Count(n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // One byte past the limit is requested so that a body of exactly the limit is not mistaken for a longer one.
    private int Allowed(int requested) => (int)Math.Min(requested, Math.Max(0, limit + 1 - read));

    private int Count(int n)
    {
        read += n;
        if (read > limit)
        {
            LimitExceeded = true;
            return 0;
        }

        return n;
    }
}
