namespace WorkersPower.Membership.Members;

/// <summary>
/// grantRole (and revokeRole, which takes the same input: clients name the type RoleChangeInput): an admin
/// grants a role to a member's account.
/// </summary>
[Description("Which member, which role. The change takes effect with the member's next sign-in.")]
public sealed record RoleChangeInput(
    [property: Id, Description("The member's global id.")] string MemberId,
    [property: InputType(typeof(NonNullGraphType<RoleEnum>)), Description("The role.")] Role Role);

public sealed record GrantRole(Guid MemberId, string Role, Actor Actor)
{
    /// <summary>The rules: admins only; a member with an account; a role the account does not hold yet.</summary>
    public Decision Decide(MemberProfile? member, Account? account, DateTimeOffset now)
    {
        if (!Actor.IsAdmin) return MemberRules.NotYours;
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (account is null) return Decision.Refuse(UserError.NotFound("The member has no account.", "input", "memberId"));
        if (Role == Roles.CampaignOrganiser)
            return Decision.Refuse(UserError.Validation("input.role", "CAMPAIGN_ORGANISER is granted on a campaign: name the campaign."));
        if (account.Roles.Contains(Role)) return Decision.Refuse(UserError.InvalidState($"The member holds {Role} already."));
        return Decision.Accept(new MemberRoleGranted(member.Id, Role, Actor.AccountId, now));
    }
}

public static class GrantRoleHandler
{
    /// <summary>
    /// Records the grant on the member, adds the role to the account (the next sign-in's token carries it) and
    /// records it as a grant without end: on the member's own branch for ORGANISER, on the whole organisation otherwise.
    /// </summary>
    public static async Task<CommandResult> Handle(GrantRole command, IDocumentSession session, TimeProvider clock, AccountTokenCheck tokens, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        var account = await session.Query<Account>().FirstOrDefaultAsync(a => a.MemberId == command.MemberId, ct);
        var now = clock.GetUtcNow();
        var decision = command.Decide(stream.Aggregate, account, now);
        if (decision.Events.Count > 0)
        {
            account!.Roles.Add(command.Role);
            session.Update(account);
            stream.AppendMany(decision.Events);
            if (command.Role != Roles.Member)
            {
                var scope = command.Role == Roles.Organiser ? Grants.GrantScope.OfBranch(stream.Aggregate!.BranchId) : Grants.GrantScope.Organisation;
                var grantId = Guid.CreateVersion7();
                session.Events.StartStream<Grants.RoleGrant>(grantId,
                    new Grants.RoleGranted(grantId, command.MemberId, command.Role, scope, now, null, command.Actor.AccountId, null, now));
            }
            await session.SaveChangesAsync(ct);
            tokens.Forget(account.Id);
        }
        return decision.ToResult(command.MemberId);
    }
}

internal sealed class GrantRoleField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MemberPayloadType, AutoRegisteringInputObjectGraphType<RoleChangeInput>>("grantRole",
                "Grant a role to a member's account (admins). It takes effect at the member's next sign-in.", "What to change.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<RoleChangeInput>();
                return await MemberPayload.RunAsync(ctx, input.MemberId, (id, actor) => new GrantRole(id, input.Role.ToString(), actor));
            });
}
