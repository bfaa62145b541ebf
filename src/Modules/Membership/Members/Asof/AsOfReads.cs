using WorkersPower.Membership.Grants;
using R = WorkersPower.Platform.Security.Roles;

namespace WorkersPower.Membership.Members;

/// <summary>One page of the members in good standing of a branch at an instant, and how many there were in all.</summary>
public sealed record MembersAsOfPage(int Total, IReadOnlyList<MemberProfile> Members);

/// <summary>The reads behind <c>membersAsOf</c>, <c>Member.asOf</c> and <c>Member.personalDataAccess</c> (no GraphQL: the fields page and authorise).</summary>
public static class AsOfReads
{
    /// <summary>
    /// Members ACTIVE in the branch at <paramref name="at"/>, by member id (ids are time-ordered: about the order
    /// they joined the platform): one statement over the standing intervals' partial index (a branch's ACTIVE
    /// intervals by member), which answers the total and the page's member documents as one JSON value. Only the
    /// page's members are read from their documents (ordering by name would read every member of the branch).
    /// <paramref name="size"/>+1 rows are read in the fetching direction (the extra one tells whether more lie that way).
    /// </summary>
    public static async Task<MembersAsOfPage> MembersAsync(IQuerySession session, Guid branchId, DateTimeOffset at, Guid? after, bool backward, int size, CancellationToken ct)
    {
        var direction = backward ? "desc" : "asc";
        var keyset = after is null ? "true" : backward ? "m.member_id < ^" : "m.member_id > ^";
        var sql = $"""
            with m as materialized (
              select i.member_id from {StandingIntervalProjection.Table} i
              where i.branch_id = ^ and i.standing = 'Active' and i.from_at <= ^ and (i.to_at is null or i.to_at > ^))
            select json_build_object(
              'Total', (select count(*) from m),
              'Rows', coalesce((
                select json_agg(json_build_object('Member', p.data, 'Version', p.mt_version) order by p.id {direction})
                from (select m.member_id from m where {keyset} order by m.member_id {direction} limit ^) k
                join {MembershipModule.Schema}.mt_doc_memberprofile p on p.id = k.member_id), '[]'::json))
            """;
        var utc = at.ToUniversalTime();
        object[] args = after is { } key ? [branchId, utc, utc, key, size + 1] : [branchId, utc, utc, size + 1];
        var page = (await session.AdvancedSql.QueryAsync<PageJson>('^', sql, ct, args))[0];
        var members = page.Rows.Select(r =>
        {
            r.Member.Version = r.Version;
            return r.Member;
        }).ToList();
        return new MembersAsOfPage(page.Total, members);
    }

    private sealed record PageJson(int Total, List<RowJson> Rows);

    private sealed record RowJson(MemberProfile Member, long Version);

    /// <summary>The member's events (stream order) and grants: everything <see cref="MemberSnapshotFold"/> needs, in one round trip.</summary>
    public static async Task<(IReadOnlyList<IEvent> Events, IReadOnlyList<RoleGrant> Grants)> HistoryAsync(IQuerySession session, Guid memberId, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var grants = batch.Query<RoleGrant>().Where(g => g.MemberId == memberId).ToList();
        await batch.Execute(ct);
        var events = await session.Events.FetchStreamAsync(memberId, token: ct);
        return (events, await grants);
    }

    /// <summary>
    /// The grants that gave access to a member's personal data during a day: any that held at some time of the day
    /// (from [<paramref name="from"/>, <paramref name="until"/>]) and reached one of <paramref name="branches"/> (the
    /// member's branches that day): ADMIN; ORGANISER and TREASURER organisation-wide or on one of those branches
    /// (treasurers read the contribution fields only).
    /// </summary>
    public static async Task<IReadOnlyList<RoleGrant>> GrantsReachingAsync(IQuerySession session, IReadOnlyCollection<Guid> branches, DateTimeOffset from, DateTimeOffset until, CancellationToken ct)
    {
        string[] roles = [R.Admin, R.Organiser, R.Treasurer];
        var candidates = await session.Query<RoleGrant>().Where(g => g.Role.IsOneOf(roles) && g.From <= until).ToListAsync(ct);
        return candidates.Where(g => Reaches(g, branches) && (g.EndsAt is not { } end || end > from))
            .OrderBy(g => Array.IndexOf(roles, g.Role)).ThenBy(g => g.From).ToList();
    }

    /// <summary>Whether the grant reaches a member in one of the branches (pure).</summary>
    public static bool Reaches(RoleGrant grant, IReadOnlyCollection<Guid> branches) => grant.Role switch
    {
        R.Admin => true,
        R.Organiser or R.Treasurer => grant.Scope.IsOrganisation || (grant.Scope.BranchId is { } b && branches.Contains(b)),
        _ => false,
    };

    /// <summary>The branches a member was in at some time in [<paramref name="from"/>, <paramref name="until"/>], from their standing intervals (pure).</summary>
    public static IReadOnlyList<Guid> BranchesDuring(IEnumerable<StandingInterval> intervals, DateTimeOffset from, DateTimeOffset until) =>
        intervals.Where(i => i.From <= until && (i.To is not { } to || to > from)).Select(i => i.BranchId).Distinct().ToList();
}
