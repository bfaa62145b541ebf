namespace WorkersPower.Membership.Members;

/// <summary>updateMyProfile: the signed-in member changes their personal details.</summary>
[Description("The personal details to change; omitted fields stay as they are.")]
public sealed record UpdateMyProfileInput(
    [property: Description("Given name.")] string? GivenName,
    [property: Description("Family name.")] string? FamilyName,
    [property: Description("A new email address (also the sign-in email): it waits for confirmation from a link mailed to it (pendingEmail; confirmEmailChange) and the current one stays in force meanwhile; the current address withdraws a pending change.")] string? Email,
    [property: Description("Phone number; an empty string removes it.")] string? Phone,
    [property: Description("Postcode.")] string? Postcode);

public sealed record UpdateMyProfile(Guid MemberId, string? GivenName, string? FamilyName, string? Email, string? Phone, string? Postcode, Actor Actor)
{
    public const string PendingEmailMessage =
        "Your new email address is pending: it takes effect once you confirm it from a link sent to it. " +
        "The platform does not send mail yet, so until it does your current address stays in force.";

    /// <summary>The message when mail is on: the link is on its way.</summary>
    public const string PendingEmailMailedMessage =
        "Your new email address is pending: we have sent a link to it, which works for 24 hours. It takes effect once you open the link and confirm; " +
        "until then your current address stays in force. We have also told your current address about the change.";

    /// <summary>
    /// The rules: valid details; only the member themself. Only what changed is recorded. Another email address
    /// is never refused nor taken on at once (either would tell the member whether it belongs to someone): it
    /// waits for confirmation from a link mailed to it (<see cref="SendEmailChangeMails"/>). A change of case only
    /// takes effect at once; giving the current address again withdraws a request.
    /// </summary>
    public Decision Decide(MemberProfile? member, DateTimeOffset now)
    {
        var rules = new TextRules();
        if (GivenName is not null) rules.Required("givenName", GivenName, 100, "Given name");
        if (FamilyName is not null) rules.Required("familyName", FamilyName, 100, "Family name");
        if (Email is not null && !Emails.IsValid(Email)) rules.Fail("email", "Email is not a valid email address.");
        if (!string.IsNullOrWhiteSpace(Phone) && !ApplyForMembershipHandler.IsPhone(Phone))
            rules.Fail("phone", "Phone may hold only digits, spaces, +, -, ( and ), 6 to 32 characters.");
        if (Postcode is not null) rules.Required("postcode", Postcode, 16, "Postcode");
        if (!rules.Ok) return Decision.Refuse(rules.Errors);
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (!Actor.IsSelf(member)) return MemberRules.NotYours;

        var events = new List<object>();
        var email = Email is null || Emails.Key(Email) == member.EmailKey && Email.Trim() == member.Email ? null : Email.Trim();
        if (email is not null && Emails.Key(email) != member.EmailKey)
        {
            if (email != member.PendingEmail) events.Add(new MemberEmailChangeRequested(member.Id, email, Actor.AccountId, now));
            email = null;
        }
        else if (Email is not null && member.PendingEmail is not null)
            events.Add(new MemberEmailChangeRequested(member.Id, null, Actor.AccountId, now));

        string? Changed(string? value, string current) => value is null || value.Trim() == current ? null : value.Trim();
        var change = new MemberProfileUpdated(member.Id,
            Changed(GivenName, member.GivenName), Changed(FamilyName, member.FamilyName), email,
            string.IsNullOrWhiteSpace(Phone) ? null : Changed(Phone, member.Phone ?? ""),
            Phone is not null && string.IsNullOrWhiteSpace(Phone) && member.Phone is not null,
            Postcode is null ? null : Changed(Postcode.ToUpperInvariant(), member.Postcode),
            Actor.AccountId, now);
        if (change is not { GivenName: null, FamilyName: null, Email: null, Phone: null, PhoneCleared: false, Postcode: null }) events.Add(change);
        return Decision.Accept([.. events]);
    }

    /// <summary>The email address asked for waits for confirmation (so the member is told).</summary>
    public bool WaitsForConfirmation(MemberProfile member) => Email is not null && Emails.Key(Email) != member.EmailKey;

    /// <summary>Personal data stays out of logs.</summary>
    public override string ToString() => nameof(UpdateMyProfile);
}

public static class UpdateMyProfileHandler
{
    /// <summary>
    /// Tells the other modules of a new name. A new address asked for is mailed a confirmation link (with mail on); a
    /// withdrawn request's link stops working.
    /// </summary>
    public static async Task<(CommandResult, OutgoingMessages)> Handle(UpdateMyProfile command, IDocumentSession session, Mailer mailer, TimeProvider clock, CancellationToken ct)
    {
        var (stream, decision) = await session.DecideAsync<MemberProfile>(command.MemberId, current => command.Decide(current, clock.GetUtcNow()), ct);
        var outgoing = new OutgoingMessages();
        if (!decision.Accepted) return (decision.ToResult(command.MemberId), outgoing);
        var member = stream.Aggregate!;
        foreach (var change in decision.Events.OfType<MemberProfileUpdated>().Where(c => c.GivenName is not null || c.FamilyName is not null))
            outgoing.Add(new MemberRenamed(member.Id, $"{change.GivenName ?? member.GivenName} {change.FamilyName ?? member.FamilyName}", change.At));
        // Asking again for the address already pending mails a new link (the earlier one stops working).
        if (mailer.Enabled && command.WaitsForConfirmation(member)) outgoing.Add(new SendEmailChangeMails(member.Id));
        if (decision.Events.OfType<MemberEmailChangeRequested>().Any(r => r.Email is null)
            && await session.Query<Account>().FirstOrDefaultAsync(a => a.MemberId == member.Id, ct) is { EmailChangeTokenHash: not null } account)
        {
            account.ClearEmailChange();
            session.Update(account);
        }
        var message = !command.WaitsForConfirmation(member) ? null : mailer.Enabled ? UpdateMyProfile.PendingEmailMailedMessage : UpdateMyProfile.PendingEmailMessage;
        return (decision.ToResult(member.Id) with { Message = message }, outgoing);
    }
}

internal sealed class UpdateMyProfileField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MemberPayloadType, AutoRegisteringInputObjectGraphType<UpdateMyProfileInput>>("updateMyProfile",
                "Change your personal details. A new email address is never refused for being in use: it waits as pendingEmail for confirmation from a link mailed to it (confirmEmailChange; the current address is told), the current one stays in force meanwhile, and message says so. (the signed-in member)",
                "What to change.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<UpdateMyProfileInput>();
                var (actor, self) = await ctx.RequireMemberAsync();
                return await MemberPayload.RunAsync(ctx, new UpdateMyProfile(self, input.GivenName, input.FamilyName, input.Email, input.Phone, input.Postcode, actor));
            });
}
