using Marten.Services.BatchQuerying;

namespace WorkersPower.Decisions.Meetings;

/// <summary>The meetings the caller may see (<see cref="MeetingAccess"/>), newest first.</summary>
internal sealed class MeetingQueries : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<MeetingType>>>("meetings")
            .Description("The meetings you may see, newest first: those of the whole organisation and of your branch (members), of the branches you organise, and those you convened or chair.")
            .Argument<IdGraphType>("branchId", "Only this branch's meetings.")
            .PageArguments()
            .Authorize()
            .ResolveAsync(async ctx => await PageAsync(ctx));

    private static async Task<Connection<Meeting>> PageAsync(IResolveFieldContext ctx)
    {
        var page = PageRequest.From(ctx);
        var caller = ctx.Caller();
        Guid? branch = ctx.GetArgument<string?>("branchId") is { } b ? GlobalId.TryDecode(b, "Branch") ?? Guid.Empty : null;
        var visible = Visible(caller, await ctx.ViewerStandingAsync());
        await using var session = ctx.Session();
        return await page.PageAsync<Meeting>(session, q =>
        {
            q = visible(q);
            return branch is { } only ? q.Where(m => m.BranchId == only) : q;
        }, m => m.Sequence, descending: true, ctx.CancellationToken);
    }

    /// <summary>
    /// The filter of <see cref="MeetingAccess.MaySee"/> as a query: every meeting for admins and organisation-wide
    /// organisers; otherwise the organisation's and their branch's for a member (<paramref name="standing"/>), the branches
    /// they organise, and the meetings they convened or chair.
    /// </summary>
    internal static Func<IBatchedQueryable<Meeting>, IBatchedQueryable<Meeting>> Visible(Caller caller, ElectorStanding? standing)
    {
        if (caller.OrganisesEveryBranch) return q => q;
        var branches = caller.OrganisedBranches.Select(b => (Guid?)b).ToList();
        if (standing is not null) branches.Add(standing.BranchId);
        var scopes = branches.Distinct().ToArray();
        var account = caller.AccountId;
        var me = caller.MemberId ?? Guid.Empty; // matches no meeting's member ids
        if (standing is not null)
            return q => q.Where(m => m.BranchId == null || m.BranchId.IsOneOf(scopes) || m.ConvenedBy == account || m.ConvenorMemberId == me || m.ChairMemberId == me);
        return q => q.Where(m => m.BranchId.IsOneOf(scopes) || m.ConvenedBy == account || m.ConvenorMemberId == me || m.ChairMemberId == me);
    }
}
