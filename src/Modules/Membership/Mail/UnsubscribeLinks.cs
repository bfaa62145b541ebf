using System.Buffers.Text;
using System.Security.Cryptography;

namespace WorkersPower.Membership.Mail;

/// <summary>
/// The signed unsubscribe link of a member's mail that needs consent: <c>{Site:PublicUrl}/unsubscribe?token=…</c>,
/// where the token is the member's id and an HMAC-SHA256 of it under a key derived from Auth:SigningKey. It
/// unsubscribes without signing in, never expires (old mails keep working) and names nobody to whoever reads it.
/// </summary>
public sealed class UnsubscribeLinks(IOptions<AuthOptions> auth, Mailer mailer)
{
    private readonly byte[] key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(auth.Value.SigningKey), "workers-power/unsubscribe/v1"u8);

    public Uri For(Guid memberId) => mailer.Link("/unsubscribe", TokenFor(memberId));

    public string TokenFor(Guid memberId)
    {
        var id = memberId.ToByteArray();
        return Base64Url.EncodeToString([.. id, .. HMACSHA256.HashData(key, id)]);
    }

    /// <summary>The member a token names, or null when it is not one of ours (malformed, altered, or signed under another key).</summary>
    public Guid? MemberOf(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
        if (bytes.Length != 48) return null;
        var id = bytes.AsSpan(0, 16);
        return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, id), bytes.AsSpan(16)) ? new Guid(id) : null;
    }
}
