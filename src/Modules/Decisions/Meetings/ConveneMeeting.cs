namespace WorkersPower.Decisions.Meetings;

/// <summary>conveneMeeting: an organiser of the scope (or an admin) convenes a meeting of a branch or of the whole organisation.</summary>
[Description("A new meeting.")]
public sealed record ConveneMeetingInput(
    [property: Description("The title, one line of 3 to 200 characters, e.g. \"Conference 2027\".")] string Title,
    [property: Description("The body meeting: BRANCH_MEETING needs a branch; CONFERENCE and NATIONAL_COMMITTEE are of the whole organisation.")] DecisionBody Body,
    [property: Id, Description("The branch whose meeting it is; omitted: the whole organisation's.")] string? BranchId,
    [property: Description("When it starts.")] DateTimeOffset StartsAt,
    [property: Description("How many members must second a motion or an amendment (0 to 20; default 1).")] int? SecondersRequired,
    [property: Id, Description("The member who chairs it (a member in good standing of its scope); omitted: the convenor.")] string? ChairMemberId);

public sealed record ConveneMeeting(string Title, DecisionBody Body, Guid? BranchId, DateTimeOffset StartsAt, int SecondersRequired,
    Guid? ChairMemberId, Caller Actor)
{
    public const int DefaultSeconders = 1;

    /// <summary>
    /// The rules: the body and the branch agree (a branch meeting has a branch; the conference and the national committee
    /// none), the title is one line of 3 to 200 characters, 0 to 20 seconders; only an organiser of the scope (of the branch,
    /// or organisation-wide for the whole organisation) or an admin convenes; a chair named is a member of the scope
    /// (<paramref name="chairStanding"/>: theirs now).
    /// </summary>
    public Decision Decide(ElectorStanding? chairStanding, Guid id, DateTimeOffset now)
    {
        var rules = new TextRules();
        MeetingRules.Line(rules, "title", Title, 3, 200, "The title");
        if (Body == DecisionBody.BranchMeeting && BranchId is null) rules.Fail("branchId", "A branch meeting needs its branch.");
        if (Body is DecisionBody.Conference or DecisionBody.NationalCommittee && BranchId is not null)
            rules.Fail("branchId", "The conference and the national committee are of the whole organisation: give no branch.");
        if (SecondersRequired is < 0 or > MeetingRules.MaxSeconders) rules.Fail("secondersRequired", $"Seconders required must be between 0 and {MeetingRules.MaxSeconders}.");
        if (!rules.Ok) return Decision.Refuse(rules.Errors);
        var mayConvene = BranchId is { } branch ? Actor.OrganisesBranch(branch) : Actor.OrganisesEveryBranch;
        if (!mayConvene)
            return Decision.Deny(BranchId is null
                ? "Only an organisation-wide organiser or an admin may convene a meeting of the whole organisation."
                : "Only an organiser of the branch or an admin may convene its meetings.");
        if (ChairMemberId is not null && !MeetingRules.InScope(chairStanding, BranchId))
            return Decision.Refuse(UserError.Validation("input.chairMemberId", "The chair must be a member in good standing of the meeting's scope."));
        return Decision.Accept(new MeetingConvened(id, Title.Trim(), Body, BranchId, StartsAt, SecondersRequired, Actor.AccountId, Actor.MemberId,
            ChairMemberId, now));
    }
}

public static class ConveneMeetingHandler
{
    public static async Task<CommandResult> Handle(ConveneMeeting command, IDocumentSession session, IElectorate electorate, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var chair = command.ChairMemberId is { } c ? await electorate.StandingAsync(c, now, ct) : null;
        var id = Guid.CreateVersion7();
        var decision = command.Decide(chair, id, now);
        if (decision.Events.Count > 0) session.Events.StartStream<Meeting>(id, [.. decision.Events]);
        return decision.ToResult(id);
    }
}

internal sealed class ConveneMeetingField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MeetingPayloadType, AutoRegisteringInputObjectGraphType<ConveneMeetingInput>>("conveneMeeting",
                "Convene a meeting (an organiser of its branch, an organisation-wide organiser for the whole organisation's, or an admin; others FORBIDDEN). " +
                "The convenor chairs it unless they name another member of its scope.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<ConveneMeetingInput>();
                Guid? branch = null;
                if (input.BranchId is { } b)
                {
                    branch = GlobalId.TryDecode(b, "Branch");
                    if (branch is null || await ctx.LoadNode("Branch", branch.Value).GetResultAsync(ctx.CancellationToken) is null)
                        return MeetingPayload.Refused(UserError.NotFound("There is no such branch.", "input", "branchId"));
                }
                Guid? chair = null;
                if (input.ChairMemberId is { } m && (chair = GlobalId.TryDecode(m, "Member")) is null)
                    return MeetingPayload.Refused(UserError.Validation("input.chairMemberId", "The chair must be a member in good standing of the meeting's scope."));
                return await MeetingPayload.RunAsync(ctx, new ConveneMeeting(input.Title, input.Body, branch, input.StartsAt,
                    input.SecondersRequired ?? ConveneMeeting.DefaultSeconders, chair, ctx.Caller()));
            });
}
