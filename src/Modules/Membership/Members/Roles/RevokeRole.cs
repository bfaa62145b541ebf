namespace WorkersPower.Membership.Members;

/// <summary>revokeRole: an admin revokes a role from a member's account (the input is grantRole's <see cref="RoleChangeInput"/>).</summary>
public sealed record RevokeRole(Guid MemberId, string Role, Actor Actor)
{
    /// <summary>
    /// The rules: admins only; a member with an account that holds the role; never MEMBER (suspend or erase
    /// instead); never one's own ADMIN role (another admin must, so there is always one).
    /// </summary>
    public Decision Decide(MemberProfile? member, Account? account, DateTimeOffset now)
    {
        if (!Actor.IsAdmin) return MemberRules.NotYours;
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (account is null) return Decision.Refuse(UserError.NotFound("The member has no account.", "input", "memberId"));
        if (!account.Roles.Contains(Role)) return Decision.Refuse(UserError.InvalidState($"The member does not hold {Role}."));
        if (Role == Roles.Member) return Decision.Refuse(UserError.InvalidState("Every member holds MEMBER: suspend or erase the member instead."));
        if (Role == Roles.Admin && Actor.MemberId == member.Id)
            return Decision.Refuse(UserError.InvalidState("You cannot revoke your own ADMIN role: ask another admin."));
        return Decision.Accept(new MemberRoleRevoked(member.Id, Role, Actor.AccountId, now));
    }
}

public static class RevokeRoleHandler
{
    /// <summary>
    /// Records the revocation on the member, removes the role from the account (tokens claiming it are refused within
    /// seconds) and revokes every active grant of the role, whatever its scope.
    /// </summary>
    public static async Task<CommandResult> Handle(RevokeRole command, IDocumentSession session, TimeProvider clock, AccountTokenCheck tokens, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        var account = await session.Query<Account>().FirstOrDefaultAsync(a => a.MemberId == command.MemberId, ct);
        var now = clock.GetUtcNow();
        var decision = command.Decide(stream.Aggregate, account, now);
        if (decision.Events.Count > 0)
        {
            account!.Roles.Remove(command.Role);
            session.Update(account);
            stream.AppendMany(decision.Events);
            var grants = await session.Query<Grants.RoleGrant>().Where(g => g.MemberId == command.MemberId && g.Role == command.Role).ToListAsync(ct);
            foreach (var grant in grants.Where(g => g.ActiveAt(now)))
                session.Events.Append(grant.Id, new Grants.GrantRevoked(grant.Id, command.Actor.AccountId, "The role was revoked (revokeRole).", now));
            await session.SaveChangesAsync(ct);
            tokens.Forget(account.Id);
        }
        return decision.ToResult(command.MemberId);
    }
}

internal sealed class RevokeRoleField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MemberPayloadType, AutoRegisteringInputObjectGraphType<RoleChangeInput>>("revokeRole",
                "Revoke a role from a member's account (admins). It takes effect at the member's next sign-in.", "What to change.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<RoleChangeInput>();
                return await MemberPayload.RunAsync(ctx, input.MemberId, (id, actor) => new RevokeRole(id, input.Role.ToString(), actor));
            });
}
