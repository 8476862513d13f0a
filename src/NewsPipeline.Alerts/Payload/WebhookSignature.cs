using System.Security.Cryptography;
using System.Text;

namespace NewsPipeline.Alerts.Payload;

/// <summary>
/// The documented signature: <c>X-NewsPipeline-Signature: sha256=&lt;lower-case hex HMAC-SHA256 of the raw body
/// bytes, keyed with the channel secret in UTF-8&gt;</c>. Receivers recompute it over the bytes they received and
/// compare in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-NewsPipeline-Signature";
    public const string TimestampHeader = "X-NewsPipeline-Timestamp";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string Prefix = "sha256=";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(ReadOnlySpan<byte> body, string secret, string? header) =>
        header is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body, secret)), Encoding.ASCII.GetBytes(header));
}
