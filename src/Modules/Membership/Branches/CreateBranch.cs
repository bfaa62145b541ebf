namespace WorkersPower.Membership.Branches;

/// <summary>createBranch: an admin founds a branch.</summary>
[Description("A new branch.")]
public sealed record CreateBranchInput(
    [property: Description("Its name, unique (up to 100 characters).")] string Name,
    [property: Description("The region it covers.")] string? Region);

public sealed record CreateBranch(string Name, string? Region, Guid CreatedBy)
{
    /// <summary>The rules: a name of up to 100 characters and a region of up to 100; no two branches with one name (whatever the case).</summary>
    public Decision Decide(bool nameTaken, Guid branchId, DateTimeOffset now)
    {
        if (BranchRules.Check(Name, Region) is { Count: > 0 } errors) return Decision.Refuse(errors);
        if (nameTaken) return Decision.Refuse(BranchRules.NameTaken(Name));
        return Decision.Accept(new BranchCreated(branchId, Name.Trim(), TextRules.Clean(Region), CreatedBy, now));
    }
}

public static class CreateBranchHandler
{
    public static async Task<CommandResult> Handle(CreateBranch command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = BranchRules.KeyOf(command.Name);
        var id = Guid.CreateVersion7();
        var decision = command.Decide(await session.Query<Branch>().AnyAsync(b => b.NameKey == key, cancellationToken), id, clock.GetUtcNow());
        if (decision.Accepted) session.Events.StartStream<Branch>(id, [.. decision.Events]);
        return decision.ToResult(id);
    }
}

internal sealed class CreateBranchField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<BranchPayloadType, AutoRegisteringInputObjectGraphType<CreateBranchInput>>("createBranch", "Found a branch (admins).", "The branch.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<CreateBranchInput>();
                // two admins founding a branch of one name at once: the unique index refuses the second
                var taken = BranchRules.NameTaken(input.Name);
                return await BranchPayload.RunAsync(ctx, new CreateBranch(input.Name, input.Region, ctx.Caller().AccountId), new RaceAnswers(taken, taken));
            });
}
