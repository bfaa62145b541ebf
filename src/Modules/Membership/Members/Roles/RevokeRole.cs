namespace WorkersPower.Membership.Members;

/// <summary>
/// revokeRole (deprecated: use revokeGrant): an admin revokes a role from a member: every active grant of it, whatever
/// its scope. The input is grantRole's <see cref="RoleChangeInput"/>, of which it reads memberId and role only.
/// </summary>
public sealed record RevokeRole(Guid MemberId, string Role, Actor Actor)
{
    public const string Why = "The role was revoked (revokeRole).";

    /// <summary>
    /// The rules: admins only; a member with an account who holds the role by an active grant; never MEMBER (suspend
    /// or erase instead); never one's own organisation-wide ADMIN grant (another admin must, so there is always one).
    /// </summary>
    /// <param name="grants">The member's grants (active or not).</param>
    public Decision Decide(MemberProfile? member, bool hasAccount, IEnumerable<RoleGrant> grants, DateTimeOffset now)
    {
        if (!Actor.IsAdmin) return MemberRules.NotYours;
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (!hasAccount) return Decision.Refuse(UserError.NotFound("The member has no account.", "input", "memberId"));
        if (Role == Roles.Member) return Decision.Refuse(UserError.InvalidState("Every member holds MEMBER: suspend or erase the member instead."));
        var active = grants.Where(g => g.MemberId == member.Id && g.Role == Role && g.ActiveAt(now)).ToList();
        if (active.Count == 0) return Decision.Refuse(UserError.InvalidState($"The member does not hold {Role}."));
        if (Role == Roles.Admin && Actor.MemberId == member.Id)
            return Decision.Refuse(UserError.InvalidState("You cannot revoke your own ADMIN role: ask another admin."));
        return Decision.Accept([.. active.Select(g => new GrantRevoked(g.Id, Actor.AccountId, Why, now))]);
    }
}

public static class RevokeRoleHandler
{
    /// <summary>
    /// Revokes every active grant of the role, each in its stream; once that commits, this node's cached token answers
    /// for the account are dropped (tokens claiming the role are refused within seconds everywhere).
    /// </summary>
    public static async Task<CommandResult> Handle(RevokeRole command, IDocumentSession session, TimeProvider clock, AccountTokenCheck tokens, CancellationToken ct)
    {
        var member = await session.LoadAsync<MemberProfile>(command.MemberId, ct);
        var accountId = await session.Query<Account>().Where(a => a.MemberId == command.MemberId).Select(a => a.Id).FirstOrDefaultAsync(ct);
        var grants = await session.Query<RoleGrant>().Where(g => g.MemberId == command.MemberId && g.Role == command.Role).ToListAsync(ct);
        var decision = command.Decide(member, accountId != Guid.Empty, grants, clock.GetUtcNow());
        foreach (var revoked in decision.Events.OfType<GrantRevoked>())
            session.Events.Append(revoked.GrantId, revoked);
        if (decision.Events.Count > 0) tokens.ForgetAfterCommit(session, accountId);
        return decision.ToResult(command.MemberId);
    }
}

internal sealed class RevokeRoleField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MemberPayloadType, AutoRegisteringInputObjectGraphType<RoleChangeInput>>("revokeRole",
                "Deprecated: use revokeGrant. Revokes every active grant of a role from a member, whatever its scope (admins); reads memberId and role " +
                "of the input only. Tokens claiming the role are refused within seconds.", "What to change.")
            .DeprecationReason("Revokes every grant of the role at once, without a reason: use revokeGrant, one grant with its reason.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<RoleChangeInput>();
                if (input.BranchId is not null || input.CampaignId is not null || input.Until is not null)
                    return new MemberPayload((MemberProfile?)null)
                    {
                        Errors = [UserError.Validation("input.branchId", "revokeRole revokes every grant of the role: end one grant with revokeGrant.")],
                    };
                return await MemberPayload.RunAsync(ctx, input.MemberId, (id, actor) => new RevokeRole(id, input.Role.ToString(), actor));
            });
}
