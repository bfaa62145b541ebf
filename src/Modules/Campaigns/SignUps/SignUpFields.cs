using Marten.Linq.MatchesSql;

namespace WorkersPower.Campaigns.SignUps;

/// <summary>An entry of an action's sign-up list.</summary>
public sealed class SignUpType : ObjectGraphType<ActionSignUp>
{
    public SignUpType()
    {
        Name = "SignUp";
        Description = "A member's part in an action: signed up, withdrawn or attended.";
        Field<NonNullGraphType<IdGraphType>>("memberId").Description("The member's global id.")
            .Resolve(ctx => GlobalId.Encode("Member", ctx.Source.MemberId));
        Field<NonNullGraphType<StringGraphType>>("displayName").Description("The member's name (\"Erased member\" after an erasure).")
            .Resolve(ctx => ctx.LoadMember(ctx.Source.MemberId).Then(m => m?.DisplayName ?? "A member"));
        Field("member", new GraphQLTypeReference("Member"))
            .Description("The member's record, as `node(id:)` would give it to you: null where you may not read it (e.g. a campaign organiser reading a member of another branch).")
            .Resolve(ctx => ctx.LoadNode("Member", ctx.Source.MemberId));
        Field<NonNullGraphType<EnumerationGraphType<SignUpStatus>>>("status").Description("Signed up, withdrawn or attended.").Resolve(ctx => ctx.Source.Status);
        Field(x => x.SignedUpAt).Description("When the member signed up (the latest sign-up after a withdrawal); for someone who attended without signing up, the check-in time.");
    }
}

/// <summary>An entry of the deprecated unbounded list (<c>CampaignAction.participants</c>).</summary>
public sealed record ActionParticipant(Guid MemberId, SignUpStatus Status);

public sealed class ActionParticipantType : ObjectGraphType<ActionParticipant>
{
    public ActionParticipantType()
    {
        Name = "ActionParticipant";
        Description = "A member's part in an action.";
        Field<NonNullGraphType<IdGraphType>>("memberId").Description("The member's global id.").Resolve(ctx => GlobalId.Encode("Member", ctx.Source.MemberId));
        Field<NonNullGraphType<StringGraphType>>("displayName").Description("The member's name (\"Erased member\" after an erasure).")
            .Resolve(ctx => ctx.LoadMember(ctx.Source.MemberId).Then(m => m?.DisplayName ?? "A member"));
        Field<NonNullGraphType<EnumerationGraphType<SignUpStatus>>>("status").Description("Signed up, withdrawn or attended.").Resolve(ctx => ctx.Source.Status);
    }
}

/// <summary>Reads of an action's sign-ups: who may, which entries, and the record of who read them.</summary>
internal static class SignUpReads
{
    public const string ForbiddenMessage = "Only admins, the campaign's organisers and organisers of the members' branches see who takes part.";

    /// <summary>A page of the entries the caller may see, oldest first; the reads are recorded.</summary>
    public static async Task<Connection<ActionSignUp>> PageAsync(IResolveFieldContext ctx, CampaignAction action)
    {
        var page = PageRequest.From(ctx);
        var (reader, scope) = Scope(ctx, action);
        await using var session = ctx.Session();
        var batch = session.CreateBatchQuery();
        var total = Filter(batch.Query<ActionSignUp>(), action.Id, scope).Count();
        var rows = page.First == 0
            ? Task.FromResult<IReadOnlyList<ActionSignUp>>([])
            : page.Keyset(Filter(batch.Query<ActionSignUp>(), action.Id, scope), s => s.SortKey).ToList();
        await batch.Execute(ctx.CancellationToken);
        var connection = page.ToConnection(await rows, s => s.SortKey, (int)await total);
        if (ShowsEntries(ctx)) await RecordReadsAsync(ctx, reader, connection.Nodes.Select(s => s.MemberId).ToList());
        return connection;
    }

    /// <summary>Every entry the caller may see, oldest first (the deprecated unbounded list); the reads are recorded.</summary>
    public static async Task<IReadOnlyList<ActionParticipant>> AllAsync(IResolveFieldContext ctx, CampaignAction action)
    {
        var (reader, scope) = Scope(ctx, action);
        await using var session = ctx.Session();
        var batch = session.CreateBatchQuery();
        var rows = Filter(batch.Query<ActionSignUp>(), action.Id, scope).OrderBy(s => s.SortKey).ToList();
        await batch.Execute(ctx.CancellationToken);
        var entries = await rows;
        await RecordReadsAsync(ctx, reader, entries.Select(s => s.MemberId).ToList());
        return entries.Select(s => new ActionParticipant(s.MemberId, s.Status)).ToList();
    }

    private static IBatchedQueryable<ActionSignUp> Filter(IBatchedQueryable<ActionSignUp> query, Guid actionId, SignUpScope scope)
    {
        query = query.Where(s => s.ActionId == actionId);
        // the member's branch as Campaigns knows it now (kept from Membership's MemberJoined / MemberTransferredBranch)
        if (scope.Branches is { } branches)
            query = query.Where(s => s.MatchesSql(
                "exists (select 1 from campaigns.mt_doc_campaignmember m where m.id = d.member_id and (m.data ->> 'BranchId')::uuid = any(?))", branches.ToArray()));
        return query;
    }

    /// <summary>Who reads and which entries they see (from their grants: no round trip), or FORBIDDEN.</summary>
    private static (Caller Reader, SignUpScope Scope) Scope(IResolveFieldContext ctx, CampaignAction action)
    {
        var reader = ctx.Caller();
        return (reader, SignUpAccess.ScopeOf(reader, action.CampaignId) ?? throw new ExecutionError(ForbiddenMessage) { Code = ErrorCodes.Forbidden });
    }

    /// <summary>
    /// True when the query asks for the entries: edges, nodes, or pageInfo (its cursors carry an entry's member
    /// id and time). A count alone shows nobody's entry.
    /// </summary>
    private static bool ShowsEntries(IResolveFieldContext ctx) =>
        ctx.SubFields is not { } fields || fields.Values.Any(f => f.Field.Name.StringValue is "edges" or "nodes" or "pageInfo");

    /// <summary>
    /// Records the reads in Membership's audit (one write for the page). The members' copies are loaded in one
    /// batch, which the page's displayName fields then reuse.
    /// </summary>
    private static async Task RecordReadsAsync(IResolveFieldContext ctx, Caller reader, IReadOnlyList<Guid> memberIds)
    {
        if (memberIds.Count == 0) return;
        var loads = memberIds.Select(id => ctx.LoadMember(id)).ToList();
        var erased = new HashSet<Guid>();
        foreach (var load in loads)
            if (await load.GetResultAsync(ctx.CancellationToken) is { Erased: true } m) erased.Add(m.Id);
        var reads = SignUpAccess.ReadsToRecord(reader, memberIds, erased);
        if (reads.Count == 0) return;
        await ctx.RequestServices!.GetRequiredService<IPersonalDataAudit>()
            .RecordReadsAsync(new PersonalDataReader(reader.AccountId, reader.MemberId, reader.Roles), reads, ctx.CancellationToken);
    }
}
