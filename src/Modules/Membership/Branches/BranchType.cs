namespace WorkersPower.Membership.Branches;

public sealed class BranchType : ObjectGraphType<Branch>
{
    public const string TypeName = "Branch";

    public BranchType()
    {
        Name = TypeName;
        Description = "A branch members are organised in.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field(x => x.Name).Description("The branch's name.");
        Field(x => x.Region, nullable: true).Description("The region it covers.");
        Field<NonNullGraphType<IntGraphType>>("memberCount").Description("How many active members it has (signed-in callers only).")
            .Authorize()
            .Resolve(ctx => ctx.CountActiveMembers(ctx.Source.Id));
        Field<ListGraphType<NonNullGraphType<MonthlyContributionTotalType>>>("contributionTotals")
            .Description("Contributions paid by the branch's members, per month and currency, oldest first (treasurers and organisers of the branch or of the whole organisation, and admins; null for others).")
            .Argument<IntGraphType>("months", "How many months back, this one included (1 to 60; default 12).")
            .AuthorizeWithRoles(Roles.Treasurer, Roles.Admin, Roles.Organiser)
            .ResolveAsync(async ctx => await ContributionReads.BranchTotalsAsync(ctx));
    }
}
