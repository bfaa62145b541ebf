using WorkersPower.Campaigns.Contracts;

namespace WorkersPower.Membership.Grants;

/// <summary>
/// grantRole: an admin grants a member's account a role on the whole organisation, a branch or a campaign, from now
/// until an instant or without end, saying why. The input keeps the name clients know (RoleChangeInput, which
/// revokeRole shares); its scope and end are optional: no scope is the whole organisation.
/// </summary>
[Description("Which member, which role, on what scope, until when and why. Neither branchId nor campaignId: the whole organisation. revokeRole reads memberId and role only.")]
public sealed record RoleChangeInput(
    [property: Id, Description("The member's global id.")] string MemberId,
    [property: InputType(typeof(NonNullGraphType<RoleEnum>)), Description("The role.")] Role Role)
{
    [Id, Description("grantRole: the branch the grant is on (ORGANISER, TREASURER).")]
    public string? BranchId { get; init; }

    [Id, Description("grantRole: the campaign the grant is on (CAMPAIGN_ORGANISER).")]
    public string? CampaignId { get; init; }

    [InputType(typeof(DateTimeScalar)), Description("grantRole: when the grant ends (in the future); without it, it lasts until revoked.")]
    public DateTimeOffset? Until { get; init; }

    [Description("grantRole: why (up to 1000 characters), kept with the grant and shown to the member and admins.")]
    public string? Reason { get; init; }
}

public sealed record GrantRole(
    Guid GrantId, Guid MemberId, string Role, Guid? BranchId, Guid? CampaignId, DateTimeOffset? Until, string? Reason, Actor Actor)
{
    /// <summary>
    /// The rules: admins only; a member who exists, is not erased and has an account; a role that takes the scope
    /// named (and a scope that exists); an end after now; a reason of at most 1000 characters, optional; no active
    /// grant of the same role on the same scope already.
    /// </summary>
    /// <param name="member">The member, null when there is none.</param>
    /// <param name="hasAccount">Whether the member has an account (grants reach people through their tokens).</param>
    /// <param name="scopeExists">Whether the branch or campaign named exists (true for the whole organisation).</param>
    /// <param name="grants">The member's grants (active or not).</param>
    public Decision Decide(MemberProfile? member, bool hasAccount, bool scopeExists, IEnumerable<RoleGrant> grants, DateTimeOffset now)
    {
        if (!Actor.IsAdmin) return Decision.Deny("Only admins grant roles.");
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (!hasAccount) return Decision.Refuse(UserError.NotFound("The member has no account.", "input", "memberId"));
        var errors = new List<UserError>();
        var scope = GrantScope.Of(BranchId, CampaignId);
        if (Role == Roles.Member) errors.Add(UserError.Validation("input.role", "Every member holds MEMBER by being a member: it is not granted."));
        else if (!GrantRoles.All.Contains(Role)) errors.Add(UserError.Validation("input.role", $"There is no role {Role}."));
        else if (scope is null) errors.Add(UserError.Validation("input.campaignId", "Name a branch or a campaign, not both."));
        else if (!GrantRoles.Takes(Role, scope.Kind))
            errors.Add(UserError.Validation(ScopeField(scope), $"{Role} is granted on {GrantRoles.ScopesOf(Role)}."));
        if (Until is { } until && until <= now) errors.Add(UserError.Validation("input.until", "The end must be in the future."));
        if (MemberRules.Reason(Reason, required: false) is { } bad) errors.Add(bad);
        if (errors.Count > 0) return Decision.Refuse(errors);
        if (!scopeExists)
            return Decision.Refuse(scope!.Kind == GrantScopeKind.Branch
                ? UserError.NotFound("There is no such branch.", "input", "branchId")
                : UserError.NotFound("There is no such campaign.", "input", "campaignId"));
        if (grants.Any(g => g.MemberId == member.Id && g.Grants(Role, scope!) && g.ActiveAt(now)))
            return Decision.Refuse(UserError.InvalidState($"The member holds {Role} on {scope} already."));
        return Decision.Accept(new RoleGranted(GrantId, member.Id, Role, scope!, now, Until, Actor.AccountId, TextRules.Clean(Reason), now));
    }

    /// <summary>The input field at fault when the role does not take the scope: the one given, or the one missing.</summary>
    private string ScopeField(GrantScope scope) => scope.Kind switch
    {
        GrantScopeKind.Branch => "input.branchId",
        GrantScopeKind.Campaign => "input.campaignId",
        _ => Role == GrantRoles.CampaignOrganiser ? "input.campaignId" : "input.branchId",
    };
}

public static class GrantRoleHandler
{
    /// <summary>
    /// Starts the grant's stream; schedules its expiry at its end (a durable message); this node's cached token
    /// answers for the account are dropped once it commits, so the grant applies to the member's next request here.
    /// </summary>
    public static async Task<(CommandResult, OutgoingMessages)> Handle(GrantRole command, IDocumentSession session, ICampaignDirectory campaigns,
        TimeProvider clock, AccountTokenCheck tokens, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var member = await session.LoadAsync<MemberProfile>(command.MemberId, ct);
        var accountId = await session.Query<Account>().Where(a => a.MemberId == command.MemberId).Select(a => a.Id).FirstOrDefaultAsync(ct);
        var grants = await session.Query<RoleGrant>().Where(g => g.MemberId == command.MemberId && g.Role == command.Role).ToListAsync(ct);
        var scopeExists = (command.BranchId, command.CampaignId) switch
        {
            ({ } b, null) => await session.LoadAsync<Branch>(b, ct) is not null,
            (null, { } c) => await campaigns.FindTitleAsync(c, ct) is not null,
            _ => true,
        };
        var now = clock.GetUtcNow();
        var decision = command.Decide(member, accountId != Guid.Empty, scopeExists, grants, now);
        if (decision.Events.OfType<RoleGranted>().SingleOrDefault() is not { } granted) return (decision.ToResult(command.GrantId), outgoing);
        session.Events.StartStream<RoleGrant>(granted.GrantId, granted);
        if (granted.Until is { } until) outgoing.Add(new ExpireGrant(granted.GrantId).ScheduledAt(until));
        tokens.ForgetAfterCommit(session, accountId);
        return (decision.ToResult(granted.GrantId), outgoing);
    }
}

internal sealed class GrantRoleField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<RoleGrantPayloadType, AutoRegisteringInputObjectGraphType<RoleChangeInput>>("grantRole",
                "Grant a role to a member's account (admins): on the whole organisation (no branchId or campaignId), a branch (ORGANISER, TREASURER) " +
                "or a campaign (CAMPAIGN_ORGANISER), until an instant or without end. It applies to the member's requests within seconds; " +
                "their token's role claims follow at their next sign-in.",
                "What to grant.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<RoleChangeInput>();
                var actor = await ctx.RequireActorAsync();
                if (GlobalId.TryDecode(input.MemberId, MemberType.TypeName) is not { } memberId) return RoleGrantPayload.Refused(MemberRules.NoSuchMember);
                // another type's id names no branch (no campaign)
                Guid? branchId = input.BranchId is null ? null : GlobalId.TryDecode(input.BranchId, BranchType.TypeName) ?? Guid.Empty;
                Guid? campaignId = input.CampaignId is null ? null : GlobalId.TryDecode(input.CampaignId, "Campaign") ?? Guid.Empty;
                var command = new GrantRole(Guid.CreateVersion7(), memberId, input.Role.ToString(), branchId, campaignId, input.Until, input.Reason, actor);
                return await RoleGrantPayload.RunAsync(ctx, command, memberId);
            });
}
