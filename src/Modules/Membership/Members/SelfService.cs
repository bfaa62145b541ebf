using Marten;
using Wolverine;
using WorkersPower.Membership.Contracts;
using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Applications;
using WorkersPower.Platform;

namespace WorkersPower.Membership.Members;

public sealed record UpdateMyProfile(Guid MemberId, string? GivenName, string? FamilyName, string? Email, string? Phone, string? Postcode, Actor Actor)
{
    public override string ToString() => nameof(UpdateMyProfile);
}

public sealed record UpdateMyParticipation(Guid MemberId, string? Union, string? Workplace, IReadOnlyList<string>? Interests, string? Availability, Actor Actor)
{
    public override string ToString() => nameof(UpdateMyParticipation);
}

public sealed record UpdateMyCommunicationPreferences(Guid MemberId, bool Email, bool Sms, bool Post, Actor Actor);

/// <summary>What members change about themselves.</summary>
public static class SelfServiceHandler
{
    public const string PendingEmailMessage =
        "Your new email address is pending: it takes effect once you confirm it from a link sent to it. " +
        "The platform does not send mail yet, so until it does your current address stays in force.";

    public static async Task<(MemberChangeResult, OutgoingMessages)> Handle(UpdateMyProfile command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var result = await ChangeProfileAsync(command, session, clock, outgoing, ct);
        return (result, outgoing);
    }

    private static async Task<MemberChangeResult> ChangeProfileAsync(UpdateMyProfile command, IDocumentSession session, TimeProvider clock, OutgoingMessages outgoing, CancellationToken ct)
    {
        var rules = new TextRules();
        if (command.GivenName is not null) rules.Required("givenName", command.GivenName, 100, "Given name");
        if (command.FamilyName is not null) rules.Required("familyName", command.FamilyName, 100, "Family name");
        if (command.Email is not null && !Emails.IsValid(command.Email)) rules.Fail("email", "Email is not a valid email address.");
        if (!string.IsNullOrWhiteSpace(command.Phone) && !ApplyForMembershipHandler.IsPhone(command.Phone))
            rules.Fail("phone", "Phone may hold only digits, spaces, +, -, ( and ), 6 to 32 characters.");
        if (command.Postcode is not null) rules.Required("postcode", command.Postcode, 16, "Postcode");
        if (!rules.Ok) return MemberChangeResult.Refused(rules.Errors);

        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        if (stream.Aggregate is not { Erased: false } member) return MemberChangeResult.NoSuchMember;
        if (!command.Actor.IsSelf(member)) return MemberChangeResult.NotYours;

        string? Changed(string? value, string current) => value is null || value.Trim() == current ? null : value.Trim();
        var email = command.Email is null || Emails.Key(command.Email) == member.EmailKey && command.Email.Trim() == member.Email ? null : command.Email.Trim();
        // Another address is never refused nor taken on at once (either would tell the member whether it belongs
        // to someone): it waits for confirmation from a link sent to it, which comes with the platform's mail.
        // A change of case only takes effect at once; giving the current address again withdraws a request.
        MemberEmailChangeRequested? request = null;
        var now = clock.GetUtcNow();
        if (email is not null && Emails.Key(email) != member.EmailKey)
        {
            if (email != member.PendingEmail) request = new MemberEmailChangeRequested(member.Id, email, command.Actor.AccountId, now);
            email = null;
        }
        else if (command.Email is not null && member.PendingEmail is not null)
            request = new MemberEmailChangeRequested(member.Id, null, command.Actor.AccountId, now);
        var pending = request is { Email: not null } || (request is null && command.Email is not null && Emails.Key(command.Email) != member.EmailKey);
        var message = pending ? PendingEmailMessage : null;
        if (request is not null) stream.AppendOne(request);
        var phoneCleared = command.Phone is not null && string.IsNullOrWhiteSpace(command.Phone) && member.Phone is not null;
        var change = new MemberProfileUpdated(member.Id,
            Changed(command.GivenName, member.GivenName), Changed(command.FamilyName, member.FamilyName), email,
            string.IsNullOrWhiteSpace(command.Phone) ? null : Changed(command.Phone, member.Phone ?? ""), phoneCleared,
            command.Postcode is null ? null : Changed(command.Postcode.ToUpperInvariant(), member.Postcode),
            command.Actor.AccountId, now);
        if (change is { GivenName: null, FamilyName: null, Email: null, Phone: null, PhoneCleared: false, Postcode: null })
            return MemberChangeResult.Ok(member.Id, message); // nothing else changed, nothing else recorded
        stream.AppendOne(change);
        if (change.GivenName is not null || change.FamilyName is not null)
            outgoing.Add(new MemberRenamed(member.Id, $"{change.GivenName ?? member.GivenName} {change.FamilyName ?? member.FamilyName}", change.At));
        return MemberChangeResult.Ok(member.Id, message);
    }

    public static async Task<MemberChangeResult> Handle(UpdateMyParticipation command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var rules = new TextRules();
        rules.Optional("union", command.Union, 200, "Union");
        rules.Optional("workplace", command.Workplace, 200, "Workplace");
        rules.Optional("availability", command.Availability, 500, "Availability");
        var interests = command.Interests;
        if (interests is { Count: > ApplyForMembershipHandler.MaxInterests }) rules.Fail("interests", $"At most {ApplyForMembershipHandler.MaxInterests} interests.");
        for (var i = 0; interests is not null && i < Math.Min(interests.Count, ApplyForMembershipHandler.MaxInterests); i++)
            rules.Required($"interests.{i}", interests[i], 60, "An interest");
        if (!rules.Ok) return MemberChangeResult.Refused(rules.Errors);

        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        if (stream.Aggregate is not { Erased: false } member) return MemberChangeResult.NoSuchMember;
        if (!command.Actor.IsSelf(member)) return MemberChangeResult.NotYours;
        // Omitted fields keep their value; an empty string clears one.
        stream.AppendOne(new MemberParticipationUpdated(member.Id,
            command.Union is null ? member.Union : TextRules.Clean(command.Union),
            command.Workplace is null ? member.Workplace : TextRules.Clean(command.Workplace),
            interests is null ? member.Interests : interests.Select(x => x.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            command.Availability is null ? member.Availability : TextRules.Clean(command.Availability),
            command.Actor.AccountId, clock.GetUtcNow()));
        return MemberChangeResult.Ok(member.Id);
    }

    public static async Task<MemberChangeResult> Handle(UpdateMyCommunicationPreferences command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        if (stream.Aggregate is not { Erased: false } member) return MemberChangeResult.NoSuchMember;
        if (!command.Actor.IsSelf(member)) return MemberChangeResult.NotYours;
        stream.AppendOne(new CommunicationPreferencesChanged(member.Id, command.Email, command.Sms, command.Post, command.Actor.AccountId, clock.GetUtcNow()));
        return MemberChangeResult.Ok(member.Id);
    }
}
