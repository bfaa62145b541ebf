namespace WorkersPower.Platform.Mail;

/// <summary>
/// A mail's id (its Message-ID) made from what it is about, e.g. <c>MailId.Of("reminder", actionId, memberId, startsAt)</c>:
/// a mail sent again (a retry after the server took it, or a message handled twice) carries the same Message-ID,
/// so it can be recognised as the same mail.
/// </summary>
public static class MailId
{
    public static Guid Of(string kind, params object[] parts)
    {
        var text = kind + "|" + string.Join("|", parts.Select(p => p switch
        {
            Guid g => g.ToString("N"),
            DateTimeOffset d => d.UtcTicks.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => p.ToString(),
        }));
        return new Guid(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}
