namespace WorkersPower.Membership.Members;

/// <summary>transferMember: an organiser of both the member's current branch and the new one (or an admin) moves a member to another branch, saying why.</summary>
[Description("Which member, into which branch, and why.")]
public sealed record TransferMemberInput(
    [property: Id, Description("The member's global id.")] string MemberId,
    [property: Id, Description("The branch's global id.")] string BranchId,
    [property: Description("Why (up to 1000 characters; optional); kept in the member's history.")] string? Reason = null);

public sealed record TransferMember(Guid MemberId, Guid BranchId, Actor Actor, string? Reason = null)
{
    /// <summary>
    /// The rules: only who manages the member; into a branch that exists, that they organise too, and is another one;
    /// a reason of at most 1000 characters.
    /// </summary>
    public Decision Decide(MemberProfile? member, bool branchExists, DateTimeOffset now)
    {
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (!Actor.Manages(member)) return MemberRules.NotYours;
        if (!branchExists) return Decision.Refuse(UserError.NotFound("There is no such branch.", "input", "branchId"));
        if (!Actor.OrganisesBranch(BranchId)) return Decision.Deny("Organisers transfer members only into a branch they organise too.");
        if (MemberRules.Reason(Reason, required: false) is { } bad) return Decision.Refuse(bad);
        if (member.BranchId == BranchId) return Decision.Refuse(UserError.InvalidState("The member is in that branch already."));
        var reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim();
        return Decision.Accept(new MemberTransferred(member.Id, member.BranchId, BranchId, Actor.AccountId, now, reason));
    }
}

public static class TransferMemberHandler
{
    public static async Task<(CommandResult, MemberTransferredBranch?)> Handle(TransferMember command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var branchExists = await session.LoadAsync<Branch>(command.BranchId, ct) is not null;
        var (_, decision) = await session.DecideAsync<MemberProfile>(command.MemberId, member => command.Decide(member, branchExists, clock.GetUtcNow()), ct);
        return (decision.ToResult(command.MemberId), decision.Events is [MemberTransferred e] ? new MemberTransferredBranch(e.MemberId, e.FromBranchId, e.ToBranchId, e.At) : null);
    }
}

internal sealed class TransferMemberField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MemberPayloadType, AutoRegisteringInputObjectGraphType<TransferMemberInput>>("transferMember",
                "Move a member to another branch (organisers of both the member's current branch and the new one, admins).", "What to change.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<TransferMemberInput>();
                return await MemberPayload.RunAsync(ctx, input.MemberId, (id, actor) => new TransferMember(id, GlobalId.TryDecode(input.BranchId, BranchType.TypeName) ?? Guid.Empty, actor, input.Reason));
            });
}
