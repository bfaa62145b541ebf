using WorkersPower.Campaigns.Contracts;
using WorkersPower.Platform.Mail;

namespace WorkersPower.Membership.Messages;

/// <summary>sendMessageToMembers: an organiser (or an admin) writes by email to a segment of members they may reach.</summary>
[Description("An organisers' message: to whom, its subject and its text.")]
public sealed record SendMessageToMembersInput(
    [property: InputType(typeof(NonNullGraphType<AutoRegisteringInputObjectGraphType<MessageSegmentInput>>)), Description("Whom it goes to (see messageRecipientCount for how many that is).")] MessageSegmentInput Segment,
    [property: Description("The subject: one line, up to 200 characters.")] string Subject,
    [property: Description("The text: plain text, line breaks kept, up to 20,000 characters.")] string Body)
{
    public override string ToString() => nameof(SendMessageToMembersInput); // the text stays out of logs
}

public sealed record SendMessageToMembers(MessageSegment Segment, string Subject, string Body, Actor Actor)
{
    public const int SubjectMax = 200;
    public const int BodyMax = 20_000;
    public const string MailOffCode = "MAIL_OFF";

    public static readonly UserError MailOff = new(MailOffCode, "Mail is off on this platform (Mail:Smtp:Host is not set): nothing can be sent.");

    /// <summary>The text stays out of logs.</summary>
    public override string ToString() => nameof(SendMessageToMembers);

    /// <summary>The subject, trimmed.</summary>
    public string CleanSubject => Subject.Trim();

    /// <summary>The text with its line breaks as \n, without blank lines or spaces around it.</summary>
    public string CleanBody => Body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    /// <summary>
    /// The rules that need no lookup, checked before any: mail is on; the segment names one target (filters with a
    /// branch only); a subject of one line up to <see cref="SubjectMax"/> characters; a text up to <see cref="BodyMax"/>.
    /// Null when they hold.
    /// </summary>
    public Decision? Precheck(bool mailOn)
    {
        if (!mailOn) return Decision.Refuse(MailOff);
        if (Segment.Problem is { } problem) return Decision.Refuse(problem);
        var rules = new TextRules();
        rules.Required("subject", Subject, SubjectMax, "The subject");
        if (string.IsNullOrWhiteSpace(Body)) rules.Fail("body", "The text is required.");
        else rules.OptionalText("body", Body, BodyMax, "The text");
        return rules.Ok ? null : Decision.Refuse(rules.Errors);
    }

    /// <summary>
    /// The rules: those of <see cref="Precheck"/>; a segment that exists and that the sender may reach
    /// (<paramref name="audience"/>); fewer than <paramref name="perDay"/> messages sent by this sender today (UTC;
    /// <paramref name="sentToday"/>); at least one member in it who accepts email. Records the message, signed
    /// <paramref name="signedAs"/>, to every member reached.
    /// </summary>
    public Decision Decide(Audience audience, int sentToday, int perDay, bool mailOn, string signedAs, DateTimeOffset now)
    {
        if (Precheck(mailOn) is { } refused) return refused;
        switch (audience)
        {
            case Audience.Unknown unknown: return Decision.Refuse(unknown.Why);
            case Audience.Denied denied: return Decision.Deny(denied.Why);
        }
        var reached = (Audience.Reached)audience;
        if (sentToday >= perDay)
            return Decision.Refuse(new UserError(ErrorCodes.RateLimited, $"You have sent {sentToday} messages today, the most allowed ({perDay} a day): try again tomorrow (UTC).", null));
        if (reached.Recipients.Count == 0)
            return Decision.Refuse(UserError.InvalidState("Nobody in this segment accepts email: nothing was sent."));
        var id = OrganiserMessage.IdOf(Actor.AccountId, DateOnly.FromDateTime(now.UtcDateTime), sentToday + 1);
        return Decision.Accept(new OrganiserMessageSent(id, Actor.AccountId, Actor.MemberId, signedAs, now, reached.Description,
            reached.Recipients, CleanSubject, CleanBody));
    }

    /// <summary>How the mail names the sender after the organisation: an organiser's branch (the one written to, else the one they organise), else "organisers".</summary>
    public static string SignatureOf(Actor sender, string? branchName) =>
        sender.Has(Roles.Organiser) && !string.IsNullOrWhiteSpace(branchName) ? branchName : "organisers";
}

public static class SendMessageToMembersHandler
{
    /// <summary>
    /// Records the message and one <see cref="SendOrganiserMessageMail"/> per recipient in one transaction; the
    /// mails go from the durable queue afterwards (the mutation does not wait for them).
    /// </summary>
    public static async Task<(CommandResult, OutgoingMessages)> Handle(SendMessageToMembers command, IDocumentSession session, ICampaignAudience campaigns,
        Mailer mailer, IOptions<OrganiserMessageLimits> limits, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        if (command.Precheck(mailer.Enabled) is { } refused) return (refused.ToResult(Guid.Empty), outgoing);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var audience = await MessageAudiences.FindAsync(session, campaigns, command.Segment, command.Actor, today, ct);
        var startOfDay = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var sender = command.Actor.AccountId;
        var sentToday = await session.Query<OrganiserMessage>().CountAsync(m => m.SenderAccountId == sender && m.SentAt >= startOfDay, ct);
        var branchName = (command.Segment.BranchId ?? command.Actor.OnlyOrganisedBranch) is { } branchId ? (await session.LoadAsync<Branch>(branchId, ct))?.Name : null;
        var decision = command.Decide(audience, sentToday, limits.Value.MessagesPerOrganiserPerDay, mailer.Enabled,
            SendMessageToMembers.SignatureOf(command.Actor, branchName), now);
        if (decision.Events.OfType<OrganiserMessageSent>().SingleOrDefault() is not { } sent) return (decision.ToResult(Guid.Empty), outgoing);
        // A second message by the same sender at the same moment takes the same id: the insert fails and it is refused.
        session.Insert(OrganiserMessage.Of(sent));
        foreach (var memberId in sent.Recipients) outgoing.Add(new SendOrganiserMessageMail(sent.MessageId, memberId));
        return (decision.ToResult(sent.MessageId), outgoing);
    }
}

internal sealed class SendMessageToMembersField : IMutationField
{
    private static readonly RaceAnswers Races = new(
        UserError.Conflict("Something changed at the same moment: try again."),
        UserError.Conflict("Another message of yours was sent at the same moment: look at organiserMessages, then try again."));

    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<SendMessageToMembersPayloadType, AutoRegisteringInputObjectGraphType<SendMessageToMembersInput>>("sendMessageToMembers",
                "Write by email to a segment of members (organisers: their branch, or the people signed up for their campaigns' actions; admins: any). " +
                "Only members who accept email receive it, each with an unsubscribe link. Answers at once with the recorded message; the mails go out afterwards. " +
                "At most Mail:MessagesPerOrganiserPerDay (5) a day per sender (RATE_LIMITED); MAIL_OFF when mail is off.",
                "To whom, and what.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var actor = await ctx.RequireActorAsync();
                var input = ctx.Input<SendMessageToMembersInput>();
                var result = await ctx.InvokeAsync(new SendMessageToMembers(input.Segment.ToSegment(), input.Subject, input.Body, actor), Races);
                if (result.Errors.Count > 0 || result.Id is not { } id) return new SendMessageToMembersPayload(null) { Errors = result.Errors };
                await using var session = ctx.Session();
                return new SendMessageToMembersPayload(await session.LoadAsync<OrganiserMessage>(id, ctx.CancellationToken));
            });
}

public sealed record SendMessageToMembersPayload(OrganiserMessage? Message) : Payload;

public sealed class SendMessageToMembersPayloadType : PayloadType<SendMessageToMembersPayload>
{
    public SendMessageToMembersPayloadType() : base("SendMessageToMembersPayload", "The message as recorded (with how many it goes to), or why nothing was sent.") =>
        Field<OrganiserMessageType>("message").Description("The recorded message; its mails are on their way.").Resolve(ctx => ctx.Source.Message);
}
