using System.Net.Mail;

namespace WorkersPower.Membership;

/// <summary>Email addresses: the form check and the key they are compared by.</summary>
public static class Emails
{
    public const int MaxLength = 254;

    /// <summary>The comparison key: trimmed and lower-cased (we treat addresses as case-insensitive).</summary>
    public static string Key(string email) => email.Trim().ToLowerInvariant();

    public static bool IsValid(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return false;
        var trimmed = email.Trim();
        if (trimmed.Length > MaxLength || trimmed.Any(char.IsWhiteSpace) || !WorkersPower.Platform.TextInput.IsText(trimmed)) return false;
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1) return false;
        var domain = trimmed[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
            return false;
        return MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed;
    }
}
