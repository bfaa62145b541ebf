using GraphQL.Resolvers;

namespace WorkersPower.Campaigns.Members;

public sealed record ParticipationView(Guid MemberId, int ActionsSignedUp, int ActionsAttended, int Campaigns);

public sealed class MemberParticipationType : ObjectGraphType<ParticipationView>
{
    public MemberParticipationType()
    {
        Name = "MemberParticipation";
        Description = "A member's part in campaigns.";
        Field(x => x.ActionsSignedUp).Description("Actions the member is signed up for now (any time).");
        Field(x => x.ActionsAttended).Description("Actions the member was checked in at.");
        Field(x => x.Campaigns).Description("Distinct campaigns the member took part in.");
    }
}

/// <summary>
/// Adds participation and notices to Membership's Member type. Participation is readable by the member, organisers
/// of the member's branch (from Campaigns' own copy of branches) and admins; notices only by the member.
/// </summary>
internal sealed class MemberParticipationExtension : IObjectTypeExtension
{
    public string TypeName => "Member";

    public void Extend(IObjectGraphType type, Func<object, Guid> idOf)
    {
        type.AddField(new FieldType
        {
            Name = "participation",
            Description = "The member's part in campaigns (the member, organisers of the member's branch or of every branch, admins; null for others, a campaign's organisers included). Reads by others than the member are recorded.",
            Type = typeof(MemberParticipationType),
            Resolver = new FuncFieldResolver<object>(ctx => Participation(ctx, idOf(ctx.Source!))),
        });
        type.AddField(new FieldType
        {
            Name = "notices",
            Description = "Reminders and cancellations of actions, newest first (the member only; null for others).",
            Type = typeof(ConnectionType<MemberNoticeType>),
            Arguments = new QueryArguments(
                new QueryArgument<IntGraphType> { Name = "first", Description = $"How many (0 to {PageRequest.MaxPageSize}; default {PageRequest.DefaultPageSize})." },
                new QueryArgument<StringGraphType> { Name = "after", Description = "The cursor of the item to start after." }),
            Resolver = new FuncFieldResolver<object>(async ctx => await NoticesAsync(ctx, idOf(ctx.Source!))),
        });
    }

    private static object? Participation(IResolveFieldContext ctx, Guid memberId)
    {
        if (Caller.From(ctx.User) is not { } caller) return null;
        if (caller.MemberId == memberId) return Load(ctx, memberId);
        if (caller.OrganisesEveryBranch) return Recorded(ctx, memberId); // admins, organisation-wide organisers
        if (caller.OrganisedBranches.Count == 0) return null; // a campaign's organiser sees its sign-ups, not a member's part in every campaign
        // organisers of branches: only for members of those branches (as Campaigns knows the branches), read from their grants
        return ctx.LoadMember(memberId).Then(m => m is not null && caller.OrganisesBranch(m.BranchId) ? Recorded(ctx, memberId) : null);
    }

    /// <summary>Someone else's participation: the read is recorded in Membership's audit (once per member per request, one write per batch).</summary>
    private static IDataLoaderResult<object?> Recorded(IResolveFieldContext ctx, Guid memberId)
    {
        // taken now: the fetch may run once this context is recycled
        var user = ctx.User!;
        var audit = ctx.RequestServices!.GetRequiredService<IPersonalDataAudit>();
        return ctx.BatchLoaders().Get<Guid, bool>("campaigns.participation-read", async (ids, ct) =>
        {
            var reader = new PersonalDataReader(user.AccountId()!.Value, user.MemberId(), user.RolesOf());
            await audit.RecordReadsAsync(reader, ids, ct);
            return ids.ToDictionary(id => id, _ => true);
        }).Load(memberId).Then(_ => (object?)Load(ctx, memberId));
    }

    private static IDataLoaderResult<ParticipationView?> Load(IResolveFieldContext ctx, Guid memberId)
    {
        var store = ctx.RequestServices!.GetRequiredService<ICampaignsStore>(); // the fetch may run once this context is recycled
        return ctx.BatchLoaders().Get<Guid, ParticipationView>("campaigns.participation", async (ids, ct) =>
        {
            await using var session = store.QuerySession();
            var rows = await session.AdvancedSql.QueryAsync<ParticipationView>('^',
                """
                select json_build_object('MemberId', m.id,
                  'ActionsSignedUp', count(a.id) filter (where a.data -> 'SignedUp' ? m.id::text),
                  'ActionsAttended', count(a.id) filter (where a.data -> 'Attended' ? m.id::text),
                  'Campaigns', count(distinct a.data ->> 'CampaignId'))
                from unnest(^::uuid[]) as m(id)
                left join campaigns.mt_doc_campaignaction a on (a.data -> 'SignedUp' ? m.id::text or a.data -> 'Attended' ? m.id::text)
                group by m.id
                """, ct, ids.ToArray());
            return rows.ToDictionary(r => r.MemberId);
        }).Load(memberId);
    }

    private static async Task<Connection<MemberNotice>?> NoticesAsync(IResolveFieldContext ctx, Guid memberId)
    {
        if (ctx.User.MemberId() != memberId) return null;
        var page = PageRequest.From(ctx);
        await using var session = ctx.Session();
        var batch = session.CreateBatchQuery();
        var total = batch.Query<MemberNotice>().Where(n => n.MemberId == memberId).Count();
        var query = batch.Query<MemberNotice>().Where(n => n.MemberId == memberId);
        var rows = page.First == 0 ? Task.FromResult<IReadOnlyList<MemberNotice>>([]) : page.Keyset(query, n => n.Sequence, descending: true).ToList();
        await batch.Execute(ctx.CancellationToken);
        return page.ToConnection(await rows, n => n.Sequence.ToString(CultureInfo.InvariantCulture), (int)await total);
    }
}

public sealed class MemberNoticeType : ObjectGraphType<MemberNotice>
{
    public MemberNoticeType()
    {
        Name = "MemberNotice";
        Description = "A notice for a member: a reminder of an action, or its cancellation.";
        Field<NonNullGraphType<EnumerationGraphType<NoticeKind>>>("kind").Description("What it is about.").Resolve(ctx => ctx.Source.Kind);
        Field(x => x.Text).Description("The notice.");
        Field(x => x.CreatedAt).Description("When it was recorded.");
        Field<CampaignActionType>("action").Description("The action.").Resolve(ctx => ctx.LoadAction(ctx.Source.ActionId));
    }
}
