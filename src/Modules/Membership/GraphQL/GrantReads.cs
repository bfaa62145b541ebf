namespace WorkersPower.Membership.GraphQL;

/// <summary>Reads behind the grants' fields: who sees a member's grants, pages of grants, days as instants, granting members.</summary>
internal static class GrantReads
{
    /// <summary>A member's grants are seen by that member and by admins only.</summary>
    public static bool SeesGrantsOf(Actor actor, Guid memberId) => actor.IsAdmin || actor.MemberId == memberId;

    /// <summary>
    /// A page of grants in the order they started (<see cref="RoleGrant.SortKey"/>): of one member (null: everyone's),
    /// active at some moment of <paramref name="activeOn"/> (null: any time) in the organisation's time zone.
    /// </summary>
    public static async Task<Connection<RoleGrant>> PageAsync(IResolveFieldContext context, Guid? memberId, DateOnly? activeOn)
    {
        var page = PageRequest.From(context);
        DateTimeOffset? start = null, end = null;
        if (activeOn is { } day) (start, end) = DayOf(context, day);
        await using var session = context.Session();
        return await page.PageAsync<RoleGrant>(session, q =>
        {
            if (memberId is { } m) q = q.Where(g => g.MemberId == m);
            if (start is { } s && end is { } e)
                q = q.Where(g => g.From < e && (g.Until == null || g.Until > s) && (g.RevokedAt == null || g.RevokedAt > s) && (g.ExpiredAt == null || g.ExpiredAt > s));
            return q;
        }, g => g.SortKey, context.CancellationToken);
    }

    /// <summary>The day's first and last instants (end exclusive) in the organisation's time zone (<see cref="SiteTimeZone"/>).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) DayOf(IResolveFieldContext context, DateOnly day)
    {
        var zone = context.RequestServices!.GetRequiredService<SiteTimeZone>();
        return (zone.StartOf(day), zone.StartOf(day.AddDays(1)));
    }

    /// <summary>The member whose account <paramref name="accountId"/> is, when the caller may reach them; null for the platform and accounts without a member.</summary>
    public static async Task<MemberProfile?> MemberOfAccountAsync(IResolveFieldContext context, Guid accountId)
    {
        if (accountId == Actor.System || await context.ActorAsync() is not { } actor) return null;
        var account = await context.LoadDocument<Account>(context.Store(), "membership.account", accountId, a => a.Id)
            .GetResultAsync(context.CancellationToken);
        if (account?.MemberId is not { } memberId) return null;
        var member = await context.LoadMember(memberId).GetResultAsync(context.CancellationToken);
        return member is not null && actor.Sees(member) ? member : null;
    }

    /// <summary>The member's grants (every one, ended ones included), through a per-request batch loader: one query for a page of members.</summary>
    public static IDataLoaderResult<IReadOnlyList<RoleGrant>> LoadGrantsOfMember(this IResolveFieldContext context, Guid memberId)
    {
        var store = context.Store(); // now: the fetch may run once this field's context is recycled
        return context.BatchLoaders().Get<Guid, IReadOnlyList<RoleGrant>>("membership.grants-of-member", async (ids, ct) =>
            {
                await using var session = store.QuerySession();
                var grants = await session.Query<RoleGrant>().Where(g => g.MemberId.IsOneOf(ids.ToArray())).ToListAsync(ct);
                return grants.GroupBy(g => g.MemberId).ToDictionary(g => g.Key, g => (IReadOnlyList<RoleGrant>)[.. g]);
            }).Load(memberId).Then(found => found ?? []);
    }
}
