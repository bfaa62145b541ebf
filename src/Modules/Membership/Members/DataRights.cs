using JasperFx.Events;
using Marten;
using Wolverine;
using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Contracts;
using WorkersPower.Platform;

namespace WorkersPower.Membership.Members;

public sealed record EraseMember(Guid MemberId, Actor Actor);

/// <summary>Masks the personal data inside the stored events of an erased member (after the erasure committed).</summary>
public sealed record MaskErasedMemberEvents(Guid MemberId, IReadOnlyList<Guid> ApplicationIds);

public static class EraseMemberHandler
{
    public const string ErasedText = "(erased)";

    public static async Task<(MemberChangeResult, OutgoingMessages)> Handle(EraseMember command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        if (!command.Actor.IsAdmin) return (MemberChangeResult.NotYours, outgoing);
        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        if (stream.Aggregate is not { } member) return (MemberChangeResult.NoSuchMember, outgoing);
        if (member.Erased) return (MemberChangeResult.Refused(UserError.InvalidState("This member's data was erased already.")), outgoing);
        if (command.Actor.MemberId == member.Id) return (MemberChangeResult.Refused(UserError.InvalidState("You cannot erase your own record: ask another admin.")), outgoing);

        var now = clock.GetUtcNow();
        stream.AppendOne(new MemberDataErased(member.Id, command.Actor.AccountId, now));

        // Every email the member ever had (an earlier one may have been changed since): their applications are
        // found by these too, an earlier rejected one and a pending re-application included.
        var emailKeys = EmailKeysOf(await session.Events.FetchStreamAsync(member.Id, token: ct));
        if (member.EmailKey.Length > 0) emailKeys.Add(member.EmailKey);
        var keys = emailKeys.ToArray();

        // The account goes: the email is free again and nobody can sign in as the member.
        session.DeleteWhere<Account>(a => a.MemberId == member.Id);
        foreach (var key in keys) session.Delete<PendingApplicationEmail>(PendingApplicationEmail.IdOf(key));

        var applicationIds = new HashSet<Guid>(member.ApplicationIds) { member.ApplicationId };
        foreach (var id in await session.Query<MembershipApplication>().Where(a => keys.Contains(a.EmailKey)).Select(a => a.Id).ToListAsync(ct))
            applicationIds.Add(id);
        applicationIds.Remove(Guid.Empty);
        foreach (var id in applicationIds) session.Events.Append(id, new MembershipApplicationErased(id, command.Actor.AccountId, now));

        foreach (var payment in await session.Query<ContributionPayment>().Where(p => p.MemberId == member.Id && p.Reference != null).ToListAsync(ct))
        {
            payment.Reference = null;
            session.Update(payment);
        }
        // Read records say who looked at whom: they stay, with no personal data in them.

        outgoing.Add(new MaskErasedMemberEvents(member.Id, [.. applicationIds]));
        outgoing.Add(new MemberErased(member.Id, now));
        return (MemberChangeResult.Ok(member.Id), outgoing);
    }

    /// <summary>
    /// After the erasure committed: removes the stored messages that carry the member's data (inbox, outbox,
    /// dead letters: MemberJoined and MemberRenamed carry the name), then masks the stored events. The strings
    /// to look for are read from the events before they are masked; a retry after the masking finds the
    /// names gone from the events, and by then the envelopes are gone too.
    /// </summary>
    public static async Task Handle(MaskErasedMemberEvents command, IMembershipStore store, MessageEnvelopeEraser envelopes, CancellationToken ct)
    {
        var identifying = new HashSet<string>(StringComparer.Ordinal);
        var personal = new HashSet<string>(StringComparer.Ordinal);
        await using (var session = store.QuerySession())
        {
            foreach (var id in command.ApplicationIds.Prepend(command.MemberId))
                foreach (var e in await session.Events.FetchStreamAsync(id, token: ct))
                    CollectPersonalData(e.Data, identifying, personal);
        }
        // a retry after the masking reads the masks: they are nobody's data, and "member" is in every message's "MemberId"
        personal.ExceptWith(["Erased", "member", "Erased member", ErasedText]);
        await envelopes.EraseAsync(command.MemberId, identifying, personal, ct);

        await store.Advanced.ApplyEventDataMasking(m =>
        {
            m.IncludeStream(command.MemberId);
            foreach (var id in command.ApplicationIds) m.IncludeStream(id);
        }, ct);
    }

    private static HashSet<string> EmailKeysOf(IEnumerable<JasperFx.Events.IEvent> events)
    {
        var identifying = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events) CollectPersonalData(e.Data, identifying, new HashSet<string>());
        return identifying.Where(Emails.IsValid).Select(Emails.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The emails (identifying) and the names and phone numbers (personal) an event holds.</summary>
    internal static void CollectPersonalData(object data, ISet<string> identifying, ISet<string> personal)
    {
        void Person(string? given, string? family, string? email, string? phone)
        {
            if (!string.IsNullOrWhiteSpace(email)) identifying.Add(email);
            if (!string.IsNullOrWhiteSpace(phone)) personal.Add(phone);
            if (!string.IsNullOrWhiteSpace(given)) personal.Add(given);
            if (!string.IsNullOrWhiteSpace(family)) personal.Add(family);
            if (!string.IsNullOrWhiteSpace(given) && !string.IsNullOrWhiteSpace(family)) personal.Add($"{given} {family}");
        }
        switch (data)
        {
            case MembershipApplicationSubmitted e: Person(e.Applicant.GivenName, e.Applicant.FamilyName, e.Applicant.Email, e.Applicant.Phone); break;
            case MembershipStarted e: Person(e.GivenName, e.FamilyName, e.Email, e.Phone); break;
            case MembershipRenewed e: Person(e.GivenName, e.FamilyName, e.Email, e.Phone); break;
            case MemberProfileUpdated e: Person(e.GivenName, e.FamilyName, e.Email, e.Phone); break;
            case MemberEmailChangeRequested e: Person(null, null, e.Email, null); break;
        }
        // display names combine a given name of one event with the family name of another (a rename of one part)
        var names = personal.Where(p => !p.Any(char.IsDigit) && !p.Contains(' ')).ToList();
        foreach (var a in names)
            foreach (var b in names)
                if (a != b) personal.Add($"{a} {b}");
    }

    internal static ApplicantDetails MaskApplicant(ApplicantDetails a) => a with
    {
        GivenName = "Erased",
        FamilyName = "member",
        Email = "",
        Phone = null,
        Postcode = "",
        Union = null,
        Workplace = null,
        Interests = [],
        Message = null,
    };

    /// <summary>The masking rules for every event that carries personal data.</summary>
    public static void AddMaskingRules(Marten.StoreOptions options)
    {
        var events = options.Events;
        events.AddMaskingRuleForProtectedInformation<MembershipApplicationSubmitted>(e => e with { Applicant = MaskApplicant(e.Applicant) });
        events.AddMaskingRuleForProtectedInformation<MembershipApplicationRejected>(e => e with { Reason = ErasedText });
        events.AddMaskingRuleForProtectedInformation<MembershipStarted>(e => e with
        {
            GivenName = "Erased", FamilyName = "member", Email = "", Phone = null, Postcode = "", Union = null, Workplace = null, Interests = [],
        });
        events.AddMaskingRuleForProtectedInformation<MembershipRenewed>(e => e with { GivenName = "Erased", FamilyName = "member", Email = "", Phone = null, Postcode = "" });
        events.AddMaskingRuleForProtectedInformation<MemberProfileUpdated>(e => e with
        {
            GivenName = e.GivenName is null ? null : "Erased", FamilyName = e.FamilyName is null ? null : "member",
            Email = e.Email is null ? null : "", Phone = null, Postcode = e.Postcode is null ? null : "",
        });
        events.AddMaskingRuleForProtectedInformation<MemberEmailChangeRequested>(e => e with { Email = e.Email is null ? null : "" });
        events.AddMaskingRuleForProtectedInformation<MemberParticipationUpdated>(e => e with { Union = null, Workplace = null, Interests = [], Availability = null });
        events.AddMaskingRuleForProtectedInformation<MembershipResigned>(e => e with { Reason = e.Reason is null ? null : ErasedText });
        events.AddMaskingRuleForProtectedInformation<MembershipSuspended>(e => e with { Reason = ErasedText });
        events.AddMaskingRuleForProtectedInformation<MembershipReinstated>(e => e with { Reason = ErasedText });
        events.AddMaskingRuleForProtectedInformation<ContributionPaymentRecorded>(e => e with { Reference = null });
    }
}
