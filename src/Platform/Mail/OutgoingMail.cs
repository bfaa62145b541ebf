namespace WorkersPower.Platform.Mail;

/// <summary>Who a mail goes to. Never logged.</summary>
public sealed record MailRecipient(string Address, string? Name = null)
{
    public override string ToString() => nameof(MailRecipient);
}

/// <summary>A mail's subject and its two bodies, rendered from a template (<see cref="MailTemplates"/>).</summary>
public sealed record RenderedMail(string Subject, string Text, string Html)
{
    public override string ToString() => nameof(RenderedMail);
}

/// <summary>
/// A mail ready to send. <paramref name="Id"/> becomes its Message-ID, so a mail sent again after a failure
/// that came after the server took it is recognisable as the same. <paramref name="Unsubscribe"/>: for mail
/// that needs consent, the one-click unsubscribe link (RFC 8058 headers are added); null for transactional mail.
/// Made and sent inside a handler: it is never a message body itself, so no address or text waits in a queue.
/// </summary>
public sealed record OutgoingMail(Guid Id, MailRecipient To, RenderedMail Content, Uri? Unsubscribe = null)
{
    public override string ToString() => $"{nameof(OutgoingMail)} {Id:N}";
}

/// <summary>
/// A mail that could not be delivered. Its message never holds an address or any text of the mail (it is logged
/// and shown in dead letters); <see cref="Permanent"/> when the server refused for good (a 5xx answer), which is
/// not retried.
/// </summary>
public sealed class MailDeliveryException : Exception
{
    public MailDeliveryException(string message, bool permanent) : base(message) => Permanent = permanent;

    public MailDeliveryException() : this("Mail delivery failed.", false) { }

    public MailDeliveryException(string message) : this(message, false) { }

    public MailDeliveryException(string message, Exception innerException) : base(message, innerException) { }

    public bool Permanent { get; }
}
