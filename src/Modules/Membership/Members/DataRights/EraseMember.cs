namespace WorkersPower.Membership.Members;

/// <summary>eraseMember: an admin erases a member's personal data on their request.</summary>
[Description("Which member's personal data to erase, on their request.")]
public sealed record EraseMemberInput([property: Id, Description("The member's global id.")] string MemberId);

public sealed record EraseMember(Guid MemberId, Actor Actor)
{
    /// <summary>The rules: admins only; not twice; never one's own record (another admin must).</summary>
    public Decision Decide(MemberProfile? member, DateTimeOffset now)
    {
        if (!Actor.IsAdmin) return MemberRules.NotYours;
        if (member is null) return MemberRules.NotFound;
        if (member.Erased) return Decision.Refuse(UserError.InvalidState("This member's data was erased already."));
        if (Actor.MemberId == member.Id) return Decision.Refuse(UserError.InvalidState("You cannot erase your own record: ask another admin."));
        return Decision.Accept(new MemberDataErased(member.Id, Actor.AccountId, now));
    }
}

/// <summary>Masks the personal data inside the stored events of an erased member (after the erasure committed).</summary>
public sealed record MaskErasedMemberEvents(Guid MemberId, IReadOnlyList<Guid> ApplicationIds);

public static class EraseMemberHandler
{
    public const string ErasedText = "(erased)";

    /// <summary>The erasure, and everything that follows from it in Membership: the account, the applications, the payments' references.</summary>
    public static async Task<(CommandResult, OutgoingMessages)> Handle(EraseMember command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var now = clock.GetUtcNow();
        var (stream, decision) = await session.DecideAsync<MemberProfile>(command.MemberId, current => command.Decide(current, now), ct);
        if (!decision.Accepted) return (decision.ToResult(command.MemberId), outgoing);
        var member = stream.Aggregate!;

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
        // Grants stay (who held which role when) and end now; their reasons (an admin's words about the member) are masked next.
        foreach (var grant in await session.Query<RoleGrant>().Where(g => g.MemberId == member.Id).ToListAsync(ct))
            if (grant.ActiveAt(now)) session.Events.Append(grant.Id, new GrantRevoked(grant.Id, command.Actor.AccountId, ErasedText, now));
        // Read records say who looked at whom: they stay, with no personal data in them.
        // Organisers' messages they sent stay too, without them (Messages/OrganiserMessage.cs).
        await Messages.OrganiserMessageErasure.ForgetSenderAsync(session, member.Id, ct);

        outgoing.Add(new MaskErasedMemberEvents(member.Id, [.. applicationIds]));
        outgoing.Add(new MemberErased(member.Id, now));
        return (decision.ToResult(member.Id), outgoing);
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

        // the member's grants: their reasons masked in the documents here, in their events below
        var grantIds = new List<Guid>();
        await using (var session = store.LightweightSession())
        {
            foreach (var grant in await session.Query<RoleGrant>().Where(g => g.MemberId == command.MemberId).ToListAsync(ct))
            {
                grantIds.Add(grant.Id);
                grant.Reason = grant.Reason is null ? null : ErasedText;
                grant.RevokeReason = grant.RevokeReason is null ? null : ErasedText;
                session.Update(grant);
            }
            await session.SaveChangesAsync(ct);
        }
        await store.Advanced.ApplyEventDataMasking(m =>
        {
            m.IncludeStream(command.MemberId);
            foreach (var id in grantIds) m.IncludeStream(id);
            foreach (var id in command.ApplicationIds) m.IncludeStream(id);
        }, ct);
    }

    private static HashSet<string> EmailKeysOf(IEnumerable<IEvent> events)
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
            case MemberEmailChangeConfirmed e: Person(null, null, e.Email, null); break;
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
        events.AddMaskingRuleForProtectedInformation<MemberEmailChangeConfirmed>(e => e with { Email = "" });
        events.AddMaskingRuleForProtectedInformation<MemberParticipationUpdated>(e => e with { Union = null, Workplace = null, Interests = [], Availability = null });
        events.AddMaskingRuleForProtectedInformation<MembershipResigned>(e => e with { Reason = e.Reason is null ? null : ErasedText });
        events.AddMaskingRuleForProtectedInformation<MembershipSuspended>(e => e with { Reason = ErasedText });
        events.AddMaskingRuleForProtectedInformation<MembershipReinstated>(e => e with { Reason = ErasedText });
        events.AddMaskingRuleForProtectedInformation<MemberTransferred>(e => e with { Reason = e.Reason is null ? null : ErasedText });
        events.AddMaskingRuleForProtectedInformation<ContributionPaymentRecorded>(e => e with { Reference = null });
        // the ledger's entries name the member's own (deleted) account when made signed in; their document is deleted (MemberLedgerProjection)
        events.AddMaskingRuleForProtectedInformation<ConsentChanged>(e => e with { By = null });
        events.AddMaskingRuleForProtectedInformation<ProgrammeAccepted>(e => e with { By = null });
        events.AddMaskingRuleForProtectedInformation<RoleGranted>(e => e with { Reason = e.Reason is null ? null : ErasedText });
        events.AddMaskingRuleForProtectedInformation<GrantRevoked>(e => e with { Reason = ErasedText });
    }
}

internal sealed class EraseMemberField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<EraseMemberPayloadType, AutoRegisteringInputObjectGraphType<EraseMemberInput>>("eraseMember",
                "Erase a member's personal data on their request (admins): removed or masked in documents and stored events; counts and contribution totals stay. Tells the other modules (MemberErased).",
                "Which member.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var actor = await ctx.RequireActorAsync();
                if (GlobalId.TryDecode(ctx.Input<EraseMemberInput>().MemberId, MemberType.TypeName) is not { } id)
                    return new EraseMemberPayload(null) { Errors = [MemberRules.NoSuchMember] };
                var result = await ctx.InvokeAsync(new EraseMember(id, actor), MemberPayload.Races);
                return new EraseMemberPayload(result.Id) { Errors = result.Errors };
            });
}

public sealed record EraseMemberPayload(Guid? ErasedMemberId) : Payload;

public sealed class EraseMemberPayloadType : PayloadType<EraseMemberPayload>
{
    public EraseMemberPayloadType() : base("EraseMemberPayload", "Which member's personal data was erased, or why not.") =>
        Field<IdGraphType>("erasedMemberId").Description("The erased member's global id.")
            .Resolve(ctx => ctx.Source.ErasedMemberId is { } id ? GlobalId.Encode(MemberType.TypeName, id) : null);
}
