namespace WorkersPower.Membership.Branches;

/// <summary>renameBranch: an admin renames a branch or changes its region.</summary>
[Description("A branch's new name and region.")]
public sealed record RenameBranchInput(
    [property: Id, Description("The branch's global id.")] string BranchId,
    [property: Description("The new name, unique (up to 100 characters).")] string Name,
    [property: Description("The region it covers.")] string? Region);

public sealed record RenameBranch(Guid BranchId, string Name, string? Region, Guid RenamedBy)
{
    /// <summary>The rules of <see cref="CreateBranch"/>, for a branch that exists; <paramref name="nameTaken"/>: another branch has the name.</summary>
    public Decision Decide(Branch? branch, bool nameTaken, DateTimeOffset now)
    {
        if (BranchRules.Check(Name, Region) is { Count: > 0 } errors) return Decision.Refuse(errors);
        if (branch is null) return Decision.Refuse(BranchRules.NoSuchBranch);
        if (nameTaken) return Decision.Refuse(BranchRules.NameTaken(Name));
        return Decision.Accept(new BranchRenamed(branch.Id, Name.Trim(), TextRules.Clean(Region), RenamedBy, now));
    }
}

public static class RenameBranchHandler
{
    public static async Task<CommandResult> Handle(RenameBranch command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = BranchRules.KeyOf(command.Name);
        var taken = await session.Query<Branch>().AnyAsync(b => b.NameKey == key && b.Id != command.BranchId, cancellationToken);
        var (_, decision) = await session.DecideAsync<Branch>(command.BranchId, branch => command.Decide(branch, taken, clock.GetUtcNow()), cancellationToken);
        return decision.ToResult(command.BranchId);
    }
}

internal sealed class RenameBranchField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<BranchPayloadType, AutoRegisteringInputObjectGraphType<RenameBranchInput>>("renameBranch",
                "Rename a branch or change its region (admins).", "The branch and its new name.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<RenameBranchInput>();
                if (GlobalId.TryDecode(input.BranchId, BranchType.TypeName) is not { } id)
                    return new BranchPayload(null) { Errors = [BranchRules.NoSuchBranch] };
                // renamed at the same moment, or the name taken at the same moment: answered as the name taken
                var taken = BranchRules.NameTaken(input.Name);
                return await BranchPayload.RunAsync(ctx, new RenameBranch(id, input.Name, input.Region, ctx.Caller().AccountId), new RaceAnswers(taken, taken));
            });
}
