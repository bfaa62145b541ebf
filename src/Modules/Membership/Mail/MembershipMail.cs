namespace WorkersPower.Membership.Mail;

/// <summary>
/// What Membership's mail handlers share: where the templates are, and how an address is shown half-hidden.
/// A handler that mails a token (invitation, password reset, email confirmation) makes it, keeps only its hash on the
/// account and commits that in a session of its own before sending, so the link works as soon as the mail can arrive
/// (sent first and committed after, a quick reader could open the link before its token existed). A send that fails leaves
/// a token nobody received; the retry replaces it with a new one, and the mail carries that.
/// </summary>
public static class MembershipMail
{
    /// <summary>The assembly holding Mail/Templates/*.txt|html (embedded as mail/&lt;name&gt;.&lt;ext&gt;).</summary>
    public static System.Reflection.Assembly Templates => typeof(MembershipMail).Assembly;

    /// <summary>
    /// An address with its local part hidden but for the first character, e.g. "r***@example.org": enough for its owner
    /// to recognise it, not enough for anyone else to learn it.
    /// </summary>
    public static string Masked(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0) return "***";
        return $"{address[0]}***{address[at..]}";
    }

    /// <summary>"Hello Rosa," or, for someone whose name is not known (an operator account), "Hello,".</summary>
    public static string Greeting(string? givenName) => string.IsNullOrWhiteSpace(givenName) ? "Hello," : $"Hello {givenName},";

    /// <summary>A day as mails write it, e.g. "5 December 2026" (UTC).</summary>
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
