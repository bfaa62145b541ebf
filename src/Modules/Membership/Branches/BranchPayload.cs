namespace WorkersPower.Membership.Branches;

/// <summary>What createBranch and renameBranch answer.</summary>
public sealed record BranchPayload(Branch? Branch) : Payload
{
    /// <summary>Runs a branch's command and answers the branch as it is after it.</summary>
    internal static async Task<BranchPayload> RunAsync(IResolveFieldContext ctx, object command, RaceAnswers races)
    {
        var result = await ctx.InvokeAsync(command, races);
        if (result.Id is not { } id) return new BranchPayload((Branch?)null) { Errors = result.Errors };
        await using var session = ctx.Session();
        return new BranchPayload(await session.LoadAsync<Branch>(id, ctx.CancellationToken));
    }
}

public sealed class BranchPayloadType : PayloadType<BranchPayload>
{
    public BranchPayloadType() : base("BranchPayload", "The branch, or why it was not created.") =>
        Field<BranchType>("branch").Description("The branch.").Resolve(ctx => ctx.Source.Branch);
}
