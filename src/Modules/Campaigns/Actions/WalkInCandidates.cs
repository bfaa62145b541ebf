namespace WorkersPower.Campaigns.Actions;

/// <summary>A member found by name at an action: their name and branch, and the id a check-in needs; nothing else.</summary>
public sealed record WalkInCandidate(Guid MemberId, string DisplayName, Guid BranchId);

/// <summary>
/// The rules of CampaignAction.walkInCandidates (the field: <see cref="WalkInCandidateType"/>): at an action, its campaign's organisers
/// (CAMPAIGN_ORGANISER on it) and admins find a member who came without signing up, by name, in Campaigns' own copy of the members (<see cref="CampaignMember"/>). Only names and branches
/// come back; every member returned counts as a read of their personal data, recorded as reads of sign-up lists are.
/// </summary>
public static class WalkInSearch
{
    public const int MinimumSearch = 2;
    public const int DefaultFirst = 10;
    public const int MaxFirst = 25;

    public const string Forbidden = "Only admins and the campaign's organisers (CAMPAIGN_ORGANISER on it) look for walk-ins.";

    /// <summary>Who may search: admins, and the campaign's organisers (<see cref="ViewerOrganises"/>).</summary>
    public static bool MaySearch(Caller caller, Guid campaignId) => ViewerOrganises.Of(caller, campaignId);

    /// <summary>
    /// Which members a search may return, as <see cref="CheckInAttendee"/> would accept them: admins and organisation-wide
    /// organisers anyone not erased; a campaign organiser those taking part in the campaign and the members of the
    /// branches they organise (ORGANISER grants), if any.
    /// </summary>
    public static (bool Anyone, IReadOnlyList<Guid> Branches) ScopeOf(Caller caller) =>
        caller.OrganisesEveryBranch ? (true, []) : (false, caller.OrganisedBranches);

    /// <summary>The ILIKE pattern of a search: its words in order, the wildcards typed taken literally.</summary>
    public static string PatternOf(string search)
    {
        var escaped = search.Trim().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
        return "%" + string.Join('%', escaped.Split(' ', StringSplitOptions.RemoveEmptyEntries)) + "%";
    }

    internal const string Select = """
        select json_build_object('MemberId', m.id, 'DisplayName', m.data ->> 'DisplayName', 'BranchId', m.data -> 'BranchId')
        from campaigns.mt_doc_campaignmember m
        where not coalesce((m.data ->> 'Erased')::boolean, false)
        """;
}

public sealed class WalkInCandidateType : ObjectGraphType<WalkInCandidate>
{
    public WalkInCandidateType()
    {
        Name = "WalkInCandidate";
        Description = "A member found by name to check in at an action: their name and branch, nothing else.";
        Field<NonNullGraphType<IdGraphType>>("memberId").Description("The member's global id (for checkInAttendee).")
            .Resolve(ctx => GlobalId.Encode("Member", ctx.Source.MemberId));
        Field(x => x.DisplayName).Description("The member's name.");
        Field("branch", new GraphQLTypeReference("Branch")).Description("The member's branch.")
            .Resolve(ctx => ctx.LoadNode("Branch", ctx.Source.BranchId));
    }

    /// <summary>CampaignAction.walkInCandidates (see <see cref="WalkInSearch"/>).</summary>
    public static void AddTo(CampaignActionType type) =>
        type.Field<ListGraphType<NonNullGraphType<WalkInCandidateType>>>("walkInCandidates")
            .Description("Members whose name contains the search, to check in someone who came without signing up: name and branch only, by name. " +
                "Admins and organisation-wide organisers find any member; the campaign's organisers (CAMPAIGN_ORGANISER on it) find those taking part " +
                "in the campaign and the members of the branches they organise (the members they may check in); others are refused (FORBIDDEN). Erased members are never found. " +
                "Every member returned is recorded as a read of their personal data.")
            .Argument<NonNullGraphType<StringGraphType>>("search", $"Part of the name, at least {WalkInSearch.MinimumSearch} characters.")
            .Argument<IntGraphType>("first", $"How many at most (1 to {WalkInSearch.MaxFirst}; default {WalkInSearch.DefaultFirst}).")
            .AuthorizeWithRoles(Roles.Organiser, Roles.CampaignOrganiser, Roles.Admin)
            .ResolveAsync(async ctx => await SearchAsync(ctx, ctx.Source));

    private static async Task<IReadOnlyList<WalkInCandidate>> SearchAsync(IResolveFieldContext ctx, CampaignAction action)
    {
        var caller = ctx.Caller();
        if (!WalkInSearch.MaySearch(caller, action.CampaignId)) throw new ExecutionError(WalkInSearch.Forbidden) { Code = ErrorCodes.Forbidden };
        var search = ctx.GetArgument<string>("search").Trim();
        if (search.Length < WalkInSearch.MinimumSearch)
            throw new ExecutionError($"Type at least {WalkInSearch.MinimumSearch} characters of the name.") { Code = ErrorCodes.Validation };
        var first = ctx.GetArgument<int?>("first") ?? WalkInSearch.DefaultFirst;
        if (first is < 1 or > WalkInSearch.MaxFirst)
            throw new ExecutionError($"first must be between 1 and {WalkInSearch.MaxFirst}.") { Code = ErrorCodes.Validation };

        var (anyone, branches) = WalkInSearch.ScopeOf(caller);
        await using var session = ctx.Session();
        var found = anyone
            ? await session.AdvancedSql.QueryAsync<WalkInCandidate>(
                WalkInSearch.Select + " and m.data ->> 'DisplayName' ilike ? escape '\\' order by m.data ->> 'DisplayName', m.id limit ?",
                ctx.CancellationToken, WalkInSearch.PatternOf(search), first)
            : await session.AdvancedSql.QueryAsync<WalkInCandidate>(
                WalkInSearch.Select + """
                 and m.data ->> 'DisplayName' ilike ? escape '\'
                 and ((m.data ->> 'BranchId')::uuid = any(?)
                   or exists (select 1 from campaigns.mt_doc_actionsignup s where s.campaign_id = ? and s.member_id = m.id))
                 order by m.data ->> 'DisplayName', m.id limit ?
                """,
                ctx.CancellationToken, WalkInSearch.PatternOf(search), branches.ToArray(), action.CampaignId, first);

        var reads = SignUpAccess.ReadsToRecord(caller, found.Select(c => c.MemberId), new HashSet<Guid>());
        if (reads.Count > 0)
            await ctx.RequestServices!.GetRequiredService<IPersonalDataAudit>()
                .RecordReadsAsync(new PersonalDataReader(caller.AccountId, caller.MemberId, caller.Roles), reads, ctx.CancellationToken);
        return found;
    }
}
