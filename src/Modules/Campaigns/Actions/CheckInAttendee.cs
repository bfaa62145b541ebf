namespace WorkersPower.Campaigns.Actions;

/// <summary>checkInAttendee: the campaign's organisers and admins record that a member came to an action, signed up or not.</summary>
[Description("A member who came to an action (signed up or not).")]
public sealed record CheckInAttendeeInput(
    [property: Id, Description("The action's global id.")] string ActionId,
    [property: Id, Description("The member's global id.")] string MemberId);

/// <summary>What the check-in rules need besides the action and the caller's grants, loaded by the handler.</summary>
/// <param name="Attendee">Campaigns' copy of the member checked in (null: unknown).</param>
/// <param name="TakesPartElsewhere">The member signed up for, withdrew from or attended another of the campaign's actions.</param>
public sealed record CheckInFacts(CampaignMember? Attendee, bool TakesPartElsewhere);

public sealed record CheckInAttendee(Guid ActionId, Guid MemberId, Caller Actor)
{
    public const string Forbidden = "Only admins and the campaign's organisers (CAMPAIGN_ORGANISER on it) check people in.";

    public static readonly UserError NoSuchMember = UserError.NotFound("There is no such member.", "input", "memberId");

    /// <summary>
    /// The rules, in order: only admins and the campaign's organisers (CAMPAIGN_ORGANISER on it,
    /// <see cref="ViewerOrganises"/>) check people in, anyone else is FORBIDDEN whatever the ids (an organiser of another
    /// campaign, or of the member's branch, included); not at a cancelled action; a campaign organiser checks in a member
    /// taking part in the campaign (signed up for, withdrawn from or checked in at one of its actions) or of a branch
    /// they organise (an ORGANISER grant), anyone else is answered like an unknown id, so ids cannot be probed (admins
    /// and organisation-wide organisers check in anyone not erased); checking in twice counts once.
    /// </summary>
    public Decision Decide(CampaignAction action, CheckInFacts facts, DateTimeOffset now)
    {
        if (!ViewerOrganises.Of(Actor, action.CampaignId)) return Decision.Deny(Forbidden);
        if (action.Status == ActionStatus.Cancelled) return Decision.Refuse(UserError.InvalidState("The action is cancelled."));
        if (!MayCheckInMember(action, facts)) return Decision.Refuse(NoSuchMember);
        if (action.Attended.Contains(MemberId)) return Decision.Unchanged;
        return Decision.Accept(new AttendeeCheckedIn(action.Id, action.CampaignId, MemberId, action.SignedUp.Contains(MemberId), Actor.AccountId, now));
    }

    /// <summary>Whether the action itself shows the member taking part in its campaign (then nothing more need be asked).</summary>
    public bool TakesPartIn(CampaignAction action) =>
        action.SignedUp.Contains(MemberId) || action.Withdrawn.Contains(MemberId) || action.Attended.Contains(MemberId);

    private bool MayCheckInMember(CampaignAction action, CheckInFacts facts) =>
        facts.Attendee is { Erased: false } attendee
        && (Actor.OrganisesEveryBranch || TakesPartIn(action) || facts.TakesPartElsewhere || Actor.OrganisesBranch(attendee.BranchId));
}

public static class CheckInAttendeeHandler
{
    public static async Task<(CommandResult, CampaignProgressChanged?)> Handle(CheckInAttendee command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<CampaignAction>(command.ActionId, ct);
        if (stream.Aggregate is not { } action) return (CommandResult.Refused(ActionRules.NoSuchAction), null);
        var decision = command.Decide(action, await FactsAsync(command, action, session, ct), clock.GetUtcNow());
        stream.AppendMany(decision.Events);
        return (decision.ToResult(action.Id), decision.Events.Count > 0 ? new CampaignProgressChanged(action.CampaignId) : null);
    }

    /// <summary>
    /// Everything the rules may need, in one round trip: the member's copy, and whether the member takes part
    /// in another of the campaign's actions (asked only when it matters: not for those who may check in anyone, not when
    /// this action shows it).
    /// </summary>
    private static async Task<CheckInFacts> FactsAsync(CheckInAttendee command, CampaignAction action, IDocumentSession session, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var attendee = batch.Load<CampaignMember>(command.MemberId);
        var (campaignId, memberId) = (action.CampaignId, command.MemberId);
        var elsewhere = command.Actor.OrganisesEveryBranch || command.TakesPartIn(action)
            ? null
            : batch.Query<CampaignAction>().Any(x => x.CampaignId == campaignId
                && (x.SignedUp.Contains(memberId) || x.Withdrawn.Contains(memberId) || x.Attended.Contains(memberId)));
        await batch.Execute(ct);
        return new CheckInFacts(await attendee, elsewhere is not null && await elsewhere);
    }
}

internal sealed class CheckInAttendeeField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<CampaignActionPayloadType, AutoRegisteringInputObjectGraphType<CheckInAttendeeInput>>("checkInAttendee",
                "Record that a member came to an action, signed up or not (the campaign's organisers, CAMPAIGN_ORGANISER on it, and admins; others FORBIDDEN). " +
                "A campaign organiser checks in members taking part in the campaign or of a branch they organise; anyone else is NOT_FOUND, as an unknown id is.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.CampaignOrganiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<CheckInAttendeeInput>();
                return await CampaignActionPayload.RunAsync(ctx, input.ActionId, id => new CheckInAttendee(id, GlobalId.TryDecode(input.MemberId, "Member") ?? Guid.Empty, ctx.Caller()));
            });
}
