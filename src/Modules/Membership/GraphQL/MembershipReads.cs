namespace WorkersPower.Membership.GraphQL;

/// <summary>
/// Membership's reads for resolvers, each through a per-request batch loader so a page of N items
/// costs one query per kind of thing, not N.
/// </summary>
internal static class MembershipReads
{
    public static IQuerySession Session(this IResolveFieldContext context) => context.Store().QuerySession();

    /// <summary>The module's store: what a batch loader's fetch holds, never the context (see <see cref="BatchLoaderExtensions.LoadDocument"/>).</summary>
    public static IMembershipStore Store(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<IMembershipStore>();

    public static IDataLoaderResult<Branch?> LoadBranch(this IResolveFieldContext context, Guid id) =>
        context.LoadDocument<Branch>(context.Store(), "membership.branch", id, b => b.Id);

    public static IDataLoaderResult<MemberProfile?> LoadMember(this IResolveFieldContext context, Guid id) =>
        context.LoadDocument<MemberProfile>(context.Store(), "membership.member", id, m => m.Id);

    /// <summary>Active members per branch, counted in one grouped query for every branch on the page.</summary>
    public static IDataLoaderResult<int> CountActiveMembers(this IResolveFieldContext context, Guid branchId)
    {
        var store = context.Store(); // now: the fetch may run once this field's context is recycled
        return context.BatchLoaders().Get<Guid, int>("membership.branch-member-count", async (ids, ct) =>
            {
                await using var session = store.QuerySession();
                var rows = await session.AdvancedSql.QueryAsync<BranchMemberCount>(
                    "select json_build_object('BranchId', branch_id, 'Count', count(*)) from membership.mt_doc_memberprofile where branch_id = any(?) and status = ? group by branch_id",
                    ct, ids.ToArray(), nameof(MembershipStatus.Active));
                return rows.ToDictionary(r => r.BranchId, r => r.Count);
            }).Load(branchId);
    }
}

internal sealed record BranchMemberCount(Guid BranchId, int Count);
