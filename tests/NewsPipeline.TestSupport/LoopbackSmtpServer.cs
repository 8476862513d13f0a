using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NewsPipeline.TestSupport;

/// <summary>A message the SMTP server accepted: envelope and the raw RFC 5322 text (dot-unstuffed).</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data);

/// <summary>
/// A real SMTP server on 127.0.0.1 with an ephemeral port, speaking enough of RFC 5321 for a client to deliver
/// (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT). It does not offer STARTTLS, so a client that requires TLS
/// must fail against it. <see cref="RejectWith"/> makes it answer DATA with an error, for failure tests.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<ReceivedMail> messages = new();
    private readonly Task accepting;

    private LoopbackSmtpServer()
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public IReadOnlyList<ReceivedMail> Messages => messages.ToArray();

    /// <summary>When set ("451 try later", "550 no such user"), DATA is answered with this line instead of 250.</summary>
    public string? RejectWith { get; set; }

    public static LoopbackSmtpServer Start() => new();

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            _ = Task.Run(() => ServeAsync(client), stopping.Token);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 4096, leaveOpen: true);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 127.0.0.1 ESMTP test server");
        string? from = null;
        var to = new List<string>();
        while (await reader.ReadLineAsync(stopping.Token) is { } line)
        {
            var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-127.0.0.1 greets you");
                    await writer.WriteLineAsync("250-8BITMIME");
                    await writer.WriteLineAsync("250 SMTPUTF8");
                    break;
                case "HELO":
                    await writer.WriteLineAsync("250 127.0.0.1");
                    break;
                case "MAIL":
                    from = Address(line);
                    to.Clear();
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    to.Add(Address(line));
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(stopping.Token) is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    if (RejectWith is { } rejection)
                    {
                        await writer.WriteLineAsync(rejection);
                    }
                    else
                    {
                        messages.Enqueue(new ReceivedMail(from ?? string.Empty, to.ToList(), data.ToString()));
                        await writer.WriteLineAsync("250 OK queued as " + messages.Count.ToString(CultureInfo.InvariantCulture));
                    }

                    break;
                case "RSET":
                    from = null;
                    to.Clear();
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 command not implemented");
                    break;
            }
        }
    }

    // "MAIL FROM:<a@b> SIZE=123" -> "a@b"
    private static string Address(string line)
    {
        var open = line.IndexOf('<', StringComparison.Ordinal);
        var close = line.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? line[(open + 1)..close] : line;
    }
}
