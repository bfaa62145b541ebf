using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Marten;
using Marten.Services.BatchQuerying;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Membership.Branches;
using WorkersPower.Membership.Contracts;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.GraphQL;

/// <summary>The member lifecycle, contributions, self-service, data rights and the organisers' view.</summary>
internal sealed class MembersSchema : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<MemberType>>>("members")
            .Description("Members by family name, then given name. Organisers see their own branch; treasurers and admins see everyone. Erased members are left out.")
            .Argument<MemberFilterType>("filter", "Conditions every member listed meets.")
            .PageArguments()
            .AuthorizeWithRoles(Roles.Organiser, Roles.Treasurer, Roles.Admin)
            .ResolveAsync(async ctx => await MembersPageAsync(ctx));

        query.Field<NonNullGraphType<ConnectionType<PersonalDataReadType>>>("personalDataReads")
            .Description("Who read whose personal data (members' and applicants'), newest first (admins).")
            .Argument<IdGraphType>("memberId", "Only reads of this member's data.")
            .Argument<IdGraphType>("applicationId", "Only reads of this (pending or rejected) application's data.")
            .PageArguments()
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx => await ReadsPageAsync(ctx));

        query.Field<StringGraphType>("exportMyData")
            .Description("Everything the platform holds about the signed-in member, as one JSON document (profile, account, applications, contributions, history, and each module's part). Null for accounts without a member record.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                if (ctx.User.MemberId() is not { } memberId) return null;
                await using var session = ctx.Session();
                var now = ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
                return await MemberDataExport.BuildAsync(session, memberId, ctx.RequestServices!.GetServices<IMemberDataExporter>(), now, ctx.CancellationToken);
            });
    }

    private static async Task<Connection<MemberProfile>> MembersPageAsync(IResolveFieldContext ctx)
    {
        var actor = await ctx.RequireActorAsync();
        var page = PageRequest.From(ctx);
        var filter = ctx.GetArgument<MemberFilter?>("filter") ?? new MemberFilter();
        Guid? branchId = null;
        if (filter.BranchId is not null)
            branchId = GlobalId.TryDecode(filter.BranchId, BranchType.TypeName) ?? Guid.Empty; // an unknown id lists nobody
        if (!actor.IsAdmin && !actor.Has(Roles.Treasurer))
        {
            if (actor.BranchId is not { } own) throw MemberAccess.Forbidden("Organisers list the members of their own branch, and you have no branch.");
            if (branchId is { } asked && asked != own) throw MemberAccess.Forbidden("Organisers list only the members of their own branch.");
            branchId = own;
        }
        var search = filter.Search?.Trim().ToLowerInvariant();
        if (search is { Length: < 2 or > 100 })
            throw new ExecutionError("'search' must be 2 to 100 characters.") { Code = ErrorCodes.BadUserInput };
        // Filters and search use only what the caller may read of every member listed: where the list reaches
        // members whose personal fields the caller may not read (a treasurer's list), the search matches names
        // only and an interest filter is refused.
        var personal = actor.ReadsPersonalDataOfBranch(branchId);
        if (!personal && !string.IsNullOrWhiteSpace(filter.Interest))
            throw MemberAccess.Forbidden("Interests are personal data you may not read of every member in this list: filter by interest only among members of your own branch, as their organiser.");
        var firstOfMonth = ContributionLedger.MonthOf(ctx.Today());

        IBatchedQueryable<MemberProfile> Filtered(IBatchedQueryable<MemberProfile> q)
        {
            q = q.Where(m => !m.Erased);
            if (branchId is { } b) q = q.Where(m => m.BranchId == b);
            if (filter.Status is { } s) q = q.Where(m => m.Status == s);
            if (filter.InArrears == true) q = q.Where(m => m.CoveredUntil < firstOfMonth);
            if (filter.InArrears == false) q = q.Where(m => m.CoveredUntil >= firstOfMonth);
            if (!string.IsNullOrWhiteSpace(filter.Interest)) { var i = filter.Interest.Trim(); q = q.Where(m => m.Interests.Contains(i)); }
            return q;
        }

        await using var session = ctx.Session();
        if (!string.IsNullOrEmpty(search))
            return await SearchPageAsync(session, page, search, namesOnly: !personal, branchId, filter, firstOfMonth, ctx.CancellationToken);
        var batch = session.CreateBatchQuery();
        var total = Filtered(batch.Query<MemberProfile>()).Count();
        var rowsQuery = Filtered(batch.Query<MemberProfile>());
        var rows = page.First == 0
            ? Task.FromResult<IReadOnlyList<MemberProfile>>([])
            : page.Keyset(rowsQuery, m => m.SortKey).ToList();
        await batch.Execute(ctx.CancellationToken);
        return page.ToConnection(await rows, m => m.SortKey, (int)await total);
    }

    /// <summary>
    /// A search (of names and emails, or of names only for callers who may not read every listed member's email):
    /// the trigram index finds the matches first (a materialised CTE keeps the planner from walking
    /// the sort index instead), then they are sorted and paged; the total comes with the rows.
    /// </summary>
    private static async Task<Connection<MemberProfile>> SearchPageAsync(
        IQuerySession session, PageRequest page, string search, bool namesOnly, Guid? branchId, MemberFilter filter, DateOnly firstOfMonth, CancellationToken ct)
    {
        var where = new System.Text.StringBuilder("d.erased is not true and d.search_text like ^");
        var pattern = "%" + search.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var args = new List<object> { pattern };
        // names only: the trigram index still narrows (a name match is a search_text match), the names decide
        if (namesOnly) { where.Append(" and lower((d.data ->> 'GivenName') || ' ' || (d.data ->> 'FamilyName')) like ^"); args.Add(pattern); }
        if (branchId is { } b) { where.Append(" and d.branch_id = ^"); args.Add(b); }
        if (filter.Status is { } s) { where.Append(" and d.status = ^"); args.Add(s.ToString()); }
        if (filter.InArrears == true) { where.Append(" and d.covered_until < ^"); args.Add(firstOfMonth); }
        if (filter.InArrears == false) { where.Append(" and d.covered_until >= ^"); args.Add(firstOfMonth); }
        if (!string.IsNullOrWhiteSpace(filter.Interest)) { where.Append(" and d.data -> 'Interests' @> ^::jsonb"); args.Add(System.Text.Json.JsonSerializer.Serialize(new[] { filter.Interest.Trim() })); }
        var sql = $"""
            with m as materialized (
              select d.id, d.sort_key, count(*) over () as total from membership.mt_doc_memberprofile d where {where})
            select json_build_object('Id', id, 'SortKey', sort_key, 'Total', total) from m
            where {(page.AfterKey is null ? "true" : page.Backward ? "sort_key < ^" : "sort_key > ^")}
            order by sort_key {(page.Backward ? "desc" : "asc")} limit ^
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
        var loaded = hits.Count == 0 ? [] : (await session.LoadManyAsync<MemberProfile>(ct, hits.Select(h => h.Id))).ToDictionary(m => m.Id);
        var rows = hits.Where(h => loaded.ContainsKey(h.Id)).Select(h => loaded[h.Id]).ToList();
        return page.ToConnection(rows, m => m.SortKey, total);
    }

    private sealed record SearchHit(Guid Id, string? SortKey, int Total);

    private static async Task<Connection<PersonalDataRead>> ReadsPageAsync(IResolveFieldContext ctx)
    {
        var page = PageRequest.From(ctx);
        var memberId = ctx.GetArgument<string?>("memberId") is { } text ? GlobalId.TryDecode(text, MemberType.TypeName) ?? Guid.Empty : (Guid?)null;
        var applicationId = ctx.GetArgument<string?>("applicationId") is { } app ? GlobalId.TryDecode(app, MembershipApplicationType.TypeName) ?? Guid.Empty : (Guid?)null;
        IBatchedQueryable<PersonalDataRead> Filtered(IBatchedQueryable<PersonalDataRead> q)
        {
            if (memberId is { } m) q = q.Where(r => r.MemberId == m);
            if (applicationId is { } a) q = q.Where(r => r.ApplicationId == a);
            return q;
        }
        await using var session = ctx.Session();
        var batch = session.CreateBatchQuery();
        var total = Filtered(batch.Query<PersonalDataRead>()).Count();
        var query = Filtered(batch.Query<PersonalDataRead>());
        var rows = page.First == 0 ? Task.FromResult<IReadOnlyList<PersonalDataRead>>([]) : page.Keyset(query, r => r.Sequence, descending: true).ToList();
        await batch.Execute(ctx.CancellationToken);
        return page.ToConnection(await rows, r => r.Sequence.ToString(CultureInfo.InvariantCulture), (int)await total);
    }

    public void AddMutationFields(ObjectGraphType mutation)
    {
        MemberMutation<ResignMembershipInputType>(mutation, "resignMembership", "The signed-in member resigns. Their record and history stay; they can rejoin with a new application.",
            null, (ctx, input, actor) => actor.MemberId is { } self ? new ResignMembership(self, input.Reason, actor) : null);
        MemberMutation<SuspendMemberInputType>(mutation, "suspendMember", "Suspend a member, with a reason (organisers of the member's branch, admins).",
            [Roles.Organiser, Roles.Admin], (ctx, input, actor) => Id(input.MemberId) is { } id ? new SuspendMember(id, input.Reason ?? "", actor) : null);
        MemberMutation<ReinstateMemberInputType>(mutation, "reinstateMember", "Lift a suspension, with a reason (organisers of the member's branch, admins).",
            [Roles.Organiser, Roles.Admin], (ctx, input, actor) => Id(input.MemberId) is { } id ? new ReinstateMember(id, input.Reason ?? "", actor) : null);
        MemberMutation<TransferMemberInputType>(mutation, "transferMember", "Move a member to another branch (organisers of the member's current branch, admins).",
            [Roles.Organiser, Roles.Admin], (ctx, input, actor) => Id(input.MemberId) is { } id
                ? new TransferMember(id, GlobalId.TryDecode(input.BranchId, BranchType.TypeName) ?? Guid.Empty, actor) : null);
        MemberMutation<RoleChangeInputType>(mutation, "grantRole", "Grant a role to a member's account (admins). It takes effect at the member's next sign-in.",
            [Roles.Admin], (ctx, input, actor) => Id(input.MemberId) is { } id ? new GrantRole(id, input.Role.ToString(), actor) : null);
        MemberMutation<RoleChangeInputType>(mutation, "revokeRole", "Revoke a role from a member's account (admins). It takes effect at the member's next sign-in.",
            [Roles.Admin], (ctx, input, actor) => Id(input.MemberId) is { } id ? new RevokeRole(id, input.Role.ToString(), actor) : null);

        SelfMutation<UpdateMyProfileInputType, UpdateMyProfileInput>(mutation, "updateMyProfile",
            "Change your personal details. A new email address is never refused for being in use: it waits as pendingEmail for confirmation from a link sent to it (which comes with the platform's mail), the current one stays in force meanwhile, and message says so.",
            (input, actor, self) => new UpdateMyProfile(self, input.GivenName, input.FamilyName, input.Email, input.Phone, input.Postcode, actor));
        SelfMutation<UpdateMyParticipationInputType, UpdateMyParticipationInput>(mutation, "updateMyParticipation", "Change how you take part: union, workplace, interests, availability.",
            (input, actor, self) => new UpdateMyParticipation(self, input.Union, input.Workplace, input.Interests, input.Availability, actor));
        SelfMutation<CommunicationPreferencesInputType, CommunicationPreferences>(mutation, "updateMyCommunicationPreferences", "Choose how the organisation may contact you.",
            (input, actor, self) => new UpdateMyCommunicationPreferences(self, input.Email, input.Sms, input.Post, actor));
        SelfMutation<PledgeContributionInputType, PledgeContributionInput>(mutation, "pledgeContribution", "Pledge a new regular contribution; it counts from this month.",
            (input, actor, self) => new PledgeContribution(self, input.Contribution, input.ContributionFrequency, actor));

        mutation.Field<NonNullGraphType<MemberPayloadType>>("recordContributionPayment")
            .Description("Record a payment received from a member (treasurers, admins). A lapsed member who is paid up becomes active again.")
            .Argument<NonNullGraphType<RecordContributionPaymentInputType>>("input", "The payment.")
            .AuthorizeWithRoles(Roles.Treasurer, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RecordContributionPaymentInput>("input");
                var actor = await ctx.RequireActorAsync();
                return Id(input.MemberId) is { } id
                    ? await RunAsync(ctx, new RecordContributionPayment(id, input.Amount, input.PaidOn, input.Reference, actor))
                    : NoSuchMember();
            });

        mutation.Field<NonNullGraphType<ImportContributionPaymentsPayloadType>>("importContributionPayments")
            .Description("Import payments from a CSV file (e.g. a bank export) with a report per row; all matched rows are recorded together, or none when any row is refused (treasurers, admins). Each member the report names counts as a read of their data and is recorded, dry runs included.")
            .Argument<NonNullGraphType<ImportContributionPaymentsInputType>>("input", "The file.")
            .AuthorizeWithRoles(Roles.Treasurer, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ImportContributionPaymentsInput>("input");
                var actor = await ctx.RequireActorAsync();
                try
                {
                    var report = await ctx.Bus().InvokeAsync<ImportReport>(new ImportContributionPayments(input.Csv, input.DryRun, actor), ctx.CancellationToken);
                    if (report.Forbidden) throw MemberAccess.Forbidden("Only treasurers and admins import payments.");
                    // The report ties emails (and ids) in the file to members and their contributions: a read of each
                    // member's data, dry runs included (once per member, in one write).
                    var matched = report.Rows.Select(r => r.MemberId).OfType<Guid>().ToList();
                    if (matched.Count > 0)
                        await ctx.RequestServices!.GetRequiredService<IPersonalDataAudit>()
                            .RecordReadsAsync(new PersonalDataReader(actor.AccountId, actor.MemberId, actor.Roles), matched, ctx.CancellationToken);
                    return new ImportContributionPaymentsPayload(report) { Errors = report.Errors };
                }
                catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e) || DatabaseErrors.IsUniqueViolation(e))
                {
                    return new ImportContributionPaymentsPayload(null) { Errors = [UserError.Conflict("Some of these members changed while importing: nothing was recorded; import the file again.")] };
                }
            });

        mutation.Field<NonNullGraphType<EraseMemberPayloadType>>("eraseMember")
            .Description("Erase a member's personal data on their request (admins): removed or masked in documents and stored events; counts and contribution totals stay. Tells the other modules (MemberErased).")
            .Argument<NonNullGraphType<EraseMemberInputType>>("input", "Which member.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<MemberIdInput>("input");
                var actor = await ctx.RequireActorAsync();
                if (Id(input.MemberId) is not { } id) return new EraseMemberPayload(null) { Errors = MemberChangeResult.NoSuchMember.Errors };
                var result = await InvokeAsync(ctx, new EraseMember(id, actor));
                return new EraseMemberPayload(result.MemberId) { Errors = result.Errors };
            });
    }

    private static Guid? Id(string? memberId) => GlobalId.TryDecode(memberId, MemberType.TypeName);

    private static MemberPayload NoSuchMember() => new(null) { Errors = MemberChangeResult.NoSuchMember.Errors };

    private static void MemberMutation<TInputType>(ObjectGraphType mutation, string name, string description, string[]? roles,
        Func<IResolveFieldContext, MemberIdInput, Actor, object?> command) where TInputType : IInputObjectGraphType
    {
        var field = mutation.Field<NonNullGraphType<MemberPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<TInputType>>("input", "What to change.");
        field = roles is null ? field.Authorize() : field.AuthorizeWithRoles(roles);
        field.ResolveAsync(async ctx =>
        {
            var input = ctx.GetArgument<MemberIdInput>("input");
            var actor = await ctx.RequireActorAsync();
            return command(ctx, input, actor) is { } c ? await RunAsync(ctx, c) : NoSuchMember();
        });
    }

    private static void SelfMutation<TInputType, TInput>(ObjectGraphType mutation, string name, string description, Func<TInput, Actor, Guid, object> command)
        where TInputType : IInputObjectGraphType
    {
        mutation.Field<NonNullGraphType<MemberPayloadType>>(name)
            .Description(description + " (the signed-in member)")
            .Argument<NonNullGraphType<TInputType>>("input", "What to change.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<TInput>("input");
                var actor = await ctx.RequireActorAsync();
                if (actor.MemberId is not { } self) throw MemberAccess.Forbidden("Only members have a member record to change.");
                return await RunAsync(ctx, command(input, actor, self));
            });
    }

    private static async Task<MemberChangeResult> InvokeAsync(IResolveFieldContext ctx, object command)
    {
        MemberChangeResult result;
        try
        {
            result = await ctx.Bus().InvokeAsync<MemberChangeResult>(command, ctx.CancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e))
        {
            return MemberChangeResult.Refused(UserError.Conflict("The member's record changed at the same moment: reload it and try again."));
        }
        catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return MemberChangeResult.Refused(UserError.AlreadyExists("Another account uses this email.", "input", "email"));
        }
        if (result.Forbidden) throw MemberAccess.Forbidden("You may not change this member: organisers act on the members of their own branch.");
        return result;
    }

    private static async Task<MemberPayload> RunAsync(IResolveFieldContext ctx, object command)
    {
        var result = await InvokeAsync(ctx, command);
        if (result.Errors.Count > 0 || result.MemberId is not { } id) return new MemberPayload(null) { Errors = result.Errors };
        await using var session = ctx.Session();
        return new MemberPayload(await session.LoadAsync<MemberProfile>(id, ctx.CancellationToken), result.Message);
    }
}
