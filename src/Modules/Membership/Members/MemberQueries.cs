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
        if (string.IsNullOrEmpty(search)) return await page.PageAsync<MemberProfile>(session, Filtered, m => m.SortKey, ctx.CancellationToken);
        // The reads of the page's members that their selected fields will record are written by the search's own
        // statement (one round trip), before the answer leaves; the fields' resolvers then find them recorded.
        // Where the selection does not say up front (MemberPageReads), the resolvers record as they go.
        var reads = page.First == 0 ? PageReads.None : MemberPageReads.Of(ctx);
        if (reads is PageReads.None or PageReads.Undecided)
            return await SearchPageAsync(session, page, search, namesOnly: !personal, branchIds, filter, firstOfMonth, null, ctx.CancellationToken);
        var reader = new PersonalDataReader(actor.AccountId, actor.MemberId, actor.Roles);
        var readBranches = reads == PageReads.Personal ? actor.PersonalDataBranches : actor.ContributionBranches;
        return await ctx.RequestServices!.GetRequiredService<PersonalDataAudit>().RecordedWithAsync(reader, async (already, now) =>
        {
            var audit = new SearchAudit(reader, readBranches, already, now);
            var connection = await SearchPageAsync(session, page, search, namesOnly: !personal, branchIds, filter, firstOfMonth, audit, ctx.CancellationToken);
            return (connection, audit.Recorded);
        });
    }

    /// <summary>The reads a search page records in its own statement: of members in <paramref name="Branches"/> (null: any), not the reader, not <paramref name="Already"/>.</summary>
    private sealed record SearchAudit(PersonalDataReader Reader, IReadOnlyList<Guid>? Branches, IReadOnlyCollection<Guid> Already, DateTimeOffset Now)
    {
        public List<Guid> Recorded { get; } = [];
    }

    /// <summary>
    /// A search (of names and emails, or of names only for callers who may not read every listed member's email):
    /// the trigram index finds the matches first (a materialised CTE keeps the planner from walking
    /// the sort index instead), then they are sorted and paged; the total and the page's documents come with the rows.
    /// </summary>
    private static async Task<Connection<MemberProfile>> SearchPageAsync(
        IQuerySession session, PageRequest page, string search, bool namesOnly, IReadOnlyList<Guid>? branchIds, MemberFilter filter, DateOnly firstOfMonth, SearchAudit? audit, CancellationToken ct)
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
        var order = page.Backward ? "desc" : "asc";
        var sql = $"""
            with m as materialized (
              select d.id, d.sort_key, count(*) over () as total from membership.mt_doc_memberprofile d where {where}),
            h as materialized (
              select id, sort_key, total from m
              where {(page.AfterKey is null ? "true" : page.Backward ? "sort_key < ^" : "sort_key > ^")}
              order by sort_key {order} limit ^){(audit is null ? "" : ",\n" + SearchAuditSql(order, audit))}
            select json_build_object('Id', h.id, 'SortKey', h.sort_key, 'Total', h.total, 'Member', p.data, 'Version', p.mt_version{(audit is null ? "" : ", 'Recorded', r.member_id is not null")})
            from h join membership.mt_doc_memberprofile p on p.id = h.id{(audit is null ? "" : " left join r on r.member_id = h.id")}
            order by h.sort_key {order}
            """;
        var filterArgs = args.Count;
        if (page.AfterKey is not null) args.Add(page.AfterKey);
        args.Add(page.First + 1);
        if (audit is not null) AddSearchAuditArgs(args, session, page, audit);
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
        audit?.Recorded.AddRange(hits.Where(h => h.Recorded).Select(h => h.Id));
        return page.ToConnection(rows, m => m.SortKey, total);
    }

    /// <summary>
    /// The data-modifying part of a search that records reads: a <see cref="PersonalDataRead"/> (as
    /// <see cref="PersonalDataAudit"/> writes it: the store's JSON, the same columns) for each member the page shows
    /// (its first rows: the one after them only tells there is a next page) whom the reader may read (by the member
    /// document's branch), but not the reader nor those already recorded; ids and sequences made beforehand in order.
    /// </summary>
    private static string SearchAuditSql(string order, SearchAudit audit) => $"""
        r as (
          insert into membership.mt_doc_personaldataread (id, data, mt_dotnet_type, mt_last_modified, mt_version, member_id, sequence)
          select s.id, ^::jsonb || jsonb_build_object('Id', s.id, 'MemberId', w.id, 'Sequence', s.seq), ^, transaction_timestamp(), s.version, w.id, s.seq
          from (select h.id, row_number() over (order by h.n) as k
                from (select id, row_number() over (order by sort_key {order}) as n from h) h
                join membership.mt_doc_memberprofile p on p.id = h.id
                where h.n <= ^ and p.id <> ^ and p.id <> all(^){(audit.Branches is null ? "" : " and (p.data ->> 'BranchId')::uuid = any(^)")}) w
          join unnest(^::uuid[], ^::bigint[], ^::uuid[]) with ordinality as s(id, seq, version, k) on s.k = w.k
          returning member_id)
        """;

    private static void AddSearchAuditArgs(List<object> args, IQuerySession session, PageRequest page, SearchAudit audit)
    {
        var records = Enumerable.Range(0, page.First).Select(_ => PersonalDataAudit.Record(audit.Reader, PersonalDataSubject.Member, Guid.Empty, audit.Now)).ToArray();
        args.Add(session.DocumentStore.Options.Serializer().ToJson(records[0]));
        args.Add(PersonalDataReadType);
        args.Add(page.First);
        args.Add(audit.Reader.MemberId ?? Guid.Empty);
        args.Add(audit.Already.ToArray());
        if (audit.Branches is not null) args.Add(audit.Branches.ToArray());
        args.Add(records.Select(r => r.Id).ToArray());
        args.Add(records.Select(r => r.Sequence).ToArray());
        args.Add(records.Select(_ => Guid.CreateVersion7()).ToArray());
    }

    private static readonly string PersonalDataReadType = typeof(PersonalDataRead).FullName!; // as Marten writes it

    private sealed record SearchHit(Guid Id, string? SortKey, int Total, MemberProfile? Member = null, long Version = 0, bool Recorded = false);
}
