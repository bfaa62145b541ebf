namespace WorkersPower.Membership.Members;

[Description("Narrows the members list; every given condition must hold.")]
public sealed record MemberFilter
{
    [Id, Description("Only this branch (organisers and treasurers with branch grants: one of their branches; without it, all of them).")]
    public string? BranchId { get; init; }

    [InputType(typeof(MembershipStatusEnum)), Description("Only members with this standing.")]
    public MembershipStatus? Status { get; init; }

    [Description("Part of a name or email, any case (at least 2 characters). Emails are searched only where the caller may read every listed member's email (admins; organisers within the branches they organise); otherwise names only.")]
    public string? Search { get; init; }

    [Description("true: only members at least a month in arrears; false: only those paid up.")]
    public bool? InArrears { get; init; }

    [Description("Only members with this interest (exact, e.g. \"palestine\"). Only where the caller may read every listed member's interests (admins; organisers within the branches they organise): FORBIDDEN otherwise.")]
    public string? Interest { get; init; }
}

/// <summary>members: the organisers', treasurers' and admins' list of members, filtered and searched.</summary>
internal sealed class MemberQueries : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<MemberType>>>("members")
            .Description("Members by family name, then given name. Organisers and treasurers see the members of the branches their grants name (organisation-wide grants: everyone); admins see everyone. Erased members are left out.")
            .Argument<AutoRegisteringInputObjectGraphType<MemberFilter>>("filter", "Conditions every member listed meets.")
            .PageArguments()
            .AuthorizeWithRoles(Roles.Organiser, Roles.Treasurer, Roles.Admin)
            .ResolveAsync(async ctx => await MembersPageAsync(ctx));

    private static async Task<Connection<MemberProfile>> MembersPageAsync(IResolveFieldContext ctx)
    {
        var actor = await ctx.RequireActorAsync();
        var page = PageRequest.From(ctx);
        var filter = ctx.GetArgument<MemberFilter?>("filter") ?? new MemberFilter();
        // the branches listed (null: every branch): the one asked for, within those the caller's grants reach
        IReadOnlyList<Guid>? branchIds = actor.ListedBranches;
        if (filter.BranchId is not null)
        {
            var asked = GlobalId.TryDecode(filter.BranchId, BranchType.TypeName) ?? Guid.Empty; // an unknown id lists nobody
            if (branchIds is not null && !branchIds.Contains(asked))
                throw MemberAccess.Forbidden("Organisers and treasurers list only the members of the branches they hold a grant on.");
            branchIds = [asked];
        }
        else if (branchIds is [])
            throw MemberAccess.Forbidden("Organisers and treasurers list the members of the branches they hold a grant on, and you hold none.");
        var search = filter.Search?.Trim().ToLowerInvariant();
        if (search is { Length: < 2 or > 100 })
            throw new ExecutionError("'search' must be 2 to 100 characters.") { Code = ErrorCodes.BadUserInput };
        // Filters and search use only what the caller may read of every member listed: where the list reaches
        // members whose personal fields the caller may not read (a treasurer's list), the search matches names
        // only and an interest filter is refused.
        var personal = actor.ReadsPersonalDataOfBranches(branchIds);
        if (!personal && !string.IsNullOrWhiteSpace(filter.Interest))
            throw MemberAccess.Forbidden("Interests are personal data you may not read of every member in this list: filter by interest only among members of the branches you organise.");
        var firstOfMonth = ContributionLedger.MonthOf(ctx.Today());

        IBatchedQueryable<MemberProfile> Filtered(IBatchedQueryable<MemberProfile> q)
        {
            foreach (var condition in MemberConditions.Of(branchIds, filter.Status, filter.InArrears, filter.Interest, ctx.Today())) q = q.Where(condition);
            return q;
        }

        await using var session = ctx.Session();
        return string.IsNullOrEmpty(search)
            ? await page.PageAsync<MemberProfile>(session, Filtered, m => m.SortKey, ctx.CancellationToken)
            : await SearchPageAsync(session, page, search, namesOnly: !personal, branchIds, filter, firstOfMonth, ctx.CancellationToken);
    }

    /// <summary>
    /// A search (of names and emails, or of names only for callers who may not read every listed member's email):
    /// the trigram index finds the matches first (a materialised CTE keeps the planner from walking
    /// the sort index instead), then they are sorted and paged; the total and the page's documents come with the rows.
    /// </summary>
    private static async Task<Connection<MemberProfile>> SearchPageAsync(
        IQuerySession session, PageRequest page, string search, bool namesOnly, IReadOnlyList<Guid>? branchIds, MemberFilter filter, DateOnly firstOfMonth, CancellationToken ct)
    {
        var where = new StringBuilder("d.erased is not true and d.search_text like ^");
        var pattern = "%" + search.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var args = new List<object> { pattern };
        // names only: the trigram index still narrows (a name match is a search_text match), the names decide
        if (namesOnly) { where.Append(" and lower((d.data ->> 'GivenName') || ' ' || (d.data ->> 'FamilyName')) like ^"); args.Add(pattern); }
        if (branchIds is [var b]) { where.Append(" and d.branch_id = ^"); args.Add(b); }
        else if (branchIds is not null) { where.Append(" and d.branch_id = any(^)"); args.Add(branchIds.ToArray()); }
        if (filter.Status is { } s) { where.Append(" and d.status = ^"); args.Add(s.ToString()); }
        if (filter.InArrears == true) { where.Append(" and d.covered_until < ^"); args.Add(firstOfMonth); }
        if (filter.InArrears == false) { where.Append(" and d.covered_until >= ^"); args.Add(firstOfMonth); }
        if (!string.IsNullOrWhiteSpace(filter.Interest)) { where.Append(" and d.data -> 'Interests' @> ^::jsonb"); args.Add(JsonSerializer.Serialize(new[] { filter.Interest.Trim() })); }
        var sql = $"""
            with m as materialized (
              select d.id, d.sort_key, count(*) over () as total from membership.mt_doc_memberprofile d where {where})
            select json_build_object('Id', h.id, 'SortKey', h.sort_key, 'Total', h.total, 'Member', p.data, 'Version', p.mt_version)
            from (select id, sort_key, total from m
              where {(page.AfterKey is null ? "true" : page.Backward ? "sort_key < ^" : "sort_key > ^")}
              order by sort_key {(page.Backward ? "desc" : "asc")} limit ^) h
            join membership.mt_doc_memberprofile p on p.id = h.id
            order by h.sort_key {(page.Backward ? "desc" : "asc")}
            """;
        var filterArgs = args.Count;
        if (page.AfterKey is not null) args.Add(page.AfterKey);
        args.Add(page.First + 1);
        var hits = page.First == 0 && page.AfterKey is null
            ? []
            : await session.AdvancedSql.QueryAsync<SearchHit>('^', sql, ct, [.. args]);
        int total;
        if (hits.Count > 0) total = hits[0].Total;
        else
        {
            var countSql = $"select json_build_object('Total', count(*)) from membership.mt_doc_memberprofile d where {where}";
            total = (await session.AdvancedSql.QueryAsync<SearchHit>('^', countSql, ct, [.. args.Take(filterArgs)]))[0].Total;
        }
        // the page's members come with the hits (one round trip, not a second to load them)
        var rows = hits.Where(h => h.Member is not null).Select(h =>
        {
            h.Member!.Version = h.Version;
            return h.Member;
        }).ToList();
        return page.ToConnection(rows, m => m.SortKey, total);
    }

    private sealed record SearchHit(Guid Id, string? SortKey, int Total, MemberProfile? Member = null, long Version = 0);
}
