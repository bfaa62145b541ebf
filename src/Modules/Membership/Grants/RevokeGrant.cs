namespace WorkersPower.Membership.Grants;

/// <summary>revokeGrant: an admin ends one grant before its time, saying why.</summary>
[Description("Which grant to end, and why.")]
public sealed record RevokeGrantInput(
    [property: Id, Description("The grant's global id.")] string GrantId,
    [property: Description("Why (up to 1000 characters), kept with the grant and shown to the member and admins.")] string Reason);

public sealed record RevokeGrant(Guid GrantId, string? Reason, Actor Actor)
{
    /// <summary>
    /// The rules: admins only; a grant that exists and has not ended (revoked, expired or past its end date);
    /// a reason (up to 1000 characters); never one's own
    /// organisation-wide ADMIN grant (another admin must, so there is always one).
    /// </summary>
    public Decision Decide(RoleGrant? grant, DateTimeOffset now)
    {
        if (!Actor.IsAdmin) return Decision.Deny("Only admins revoke grants.");
        if (grant is null) return Decision.Refuse(UserError.NotFound("There is no such grant.", "input", "grantId"));
        if (MemberRules.Reason(Reason, required: true) is { } bad) return Decision.Refuse(bad);
        if (grant.EndedBy(now)) return Decision.Refuse(UserError.InvalidState("The grant has ended already."));
        if (grant.Role == Roles.Admin && grant.Scope.IsOrganisation && Actor.MemberId == grant.MemberId)
            return Decision.Refuse(UserError.InvalidState("You cannot revoke your own ADMIN grant: ask another admin."));
        return Decision.Accept(new GrantRevoked(grant.Id, Actor.AccountId, Reason!.Trim(), now));
    }
}

public static class RevokeGrantHandler
{
    /// <summary>
    /// Records the revocation in the grant's stream; once it commits, this node's cached token answers for the
    /// member's account are dropped (other nodes: within <see cref="AccountTokenCheck.CacheFor"/>), so a token
    /// claiming the role is refused, and the grant's scope is gone, within seconds.
    /// </summary>
    public static async Task<CommandResult> Handle(RevokeGrant command, IDocumentSession session, TimeProvider clock, AccountTokenCheck tokens, CancellationToken ct)
    {
        var (stream, decision) = await session.DecideAsync<RoleGrant>(command.GrantId, grant => command.Decide(grant, clock.GetUtcNow()), ct);
        if (decision.Events.Count == 0) return decision.ToResult(command.GrantId);
        var accountId = await session.Query<Account>().Where(a => a.MemberId == stream.Aggregate!.MemberId).Select(a => a.Id).FirstOrDefaultAsync(ct);
        tokens.ForgetAfterCommit(session, accountId);
        return decision.ToResult(command.GrantId);
    }
}

internal sealed class RevokeGrantField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<RoleGrantPayloadType, AutoRegisteringInputObjectGraphType<RevokeGrantInput>>("revokeGrant",
                "End a grant before its time, saying why (admins). Tokens claiming its role are refused, and its scope is gone, within seconds.",
                "Which grant, and why.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<RevokeGrantInput>();
                var actor = await ctx.RequireActorAsync();
                if (GlobalId.TryDecode(input.GrantId, RoleGrantType.TypeName) is not { } grantId) return RoleGrantPayload.Refused(RoleGrantPayload.NoSuchGrant);
                return await RoleGrantPayload.RunAsync(ctx, new RevokeGrant(grantId, input.Reason, actor), null);
            });
}
