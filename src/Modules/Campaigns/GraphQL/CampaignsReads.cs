using GraphQL;
using GraphQL.DataLoader;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Campaigns.Actions;
using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Campaigns.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;

namespace WorkersPower.Campaigns.GraphQL;

public sealed record ProgressView(Guid CampaignId, int ActionsScheduled, int SignUps, int Attendances, int Participants, int? Goal);

/// <summary>Campaigns' reads for resolvers, batched per request.</summary>
internal static class CampaignsReads
{
    public static IQuerySession Session(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<ICampaignsStore>().QuerySession();

    public static IDataLoaderResult<Campaign?> LoadCampaign(this IResolveFieldContext context, Guid id) =>
        context.BatchLoaders().Get<Guid, Campaign>("campaigns.campaign", async (ids, ct) =>
        {
            await using var session = context.Session();
            return (await session.LoadManyAsync<Campaign>(ct, ids)).ToDictionary(c => c.Id);
        }).Load(id);

    public static IDataLoaderResult<CampaignAction?> LoadAction(this IResolveFieldContext context, Guid id) =>
        context.BatchLoaders().Get<Guid, CampaignAction>("campaigns.action", async (ids, ct) =>
        {
            await using var session = context.Session();
            return (await session.LoadManyAsync<CampaignAction>(ct, ids)).ToDictionary(a => a.Id);
        }).Load(id);

    public static IDataLoaderResult<CampaignMember?> LoadMember(this IResolveFieldContext context, Guid id) =>
        context.BatchLoaders().Get<Guid, CampaignMember>("campaigns.member", async (ids, ct) =>
        {
            await using var session = context.Session();
            return (await session.LoadManyAsync<CampaignMember>(ct, ids)).ToDictionary(m => m.Id);
        }).Load(id);

    /// <summary>Progress of every campaign asked for on the page, in one round trip.</summary>
    public static IDataLoaderResult<ProgressView?> LoadProgress(this IResolveFieldContext context, Guid campaignId) =>
        context.BatchLoaders().Get<Guid, ProgressView>("campaigns.progress", async (ids, ct) =>
        {
            await using var session = context.Session();
            return await ProgressAsync(session, ids, ct);
        }).Load(campaignId);

    /// <summary>The live progress of campaigns for subscriptions: one load per change per campaign, whatever the number of subscribers.</summary>
    public static ProgressStreams<ProgressView> LiveProgress(CampaignProgressFeed feed, ICampaignsStore store) =>
        new(feed, async (id, ct) =>
        {
            await using var session = store.QuerySession();
            var progress = await ProgressAsync(session, [id], ct);
            return progress.TryGetValue(id, out var p) ? p : throw new ExecutionError("There is no such campaign.") { Code = ErrorCodes.NotFound };
        });

    public static async Task<IReadOnlyDictionary<Guid, ProgressView>> ProgressAsync(IQuerySession session, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var rows = await session.AdvancedSql.QueryAsync<ProgressRow>(
            """
            select json_build_object('CampaignId', p.id, 'Data', p.data,
              'Participants', (select count(*) from campaigns.mt_doc_campaignparticipant cp where cp.campaign_id = p.id))
            from campaigns.mt_doc_campaignprogress p where p.id = any(?)
            """, ct, ids.ToArray());
        return rows.ToDictionary(r => r.CampaignId, r => new ProgressView(r.CampaignId, r.Data.ActionsScheduled, r.Data.SignUps, r.Data.Attendances, r.Participants, r.Data.Goal));
    }

    public const int MaxActivityDays = 366;

    /// <summary>
    /// The days with activity since <paramref name="since"/> of every campaign asked for on the page, newest
    /// first, in one round trip (one loader per window, as <c>days</c> may differ between fields).
    /// </summary>
    public static IDataLoaderResult<IReadOnlyList<CampaignDay>?> LoadActivity(this IResolveFieldContext context, Guid campaignId, DateOnly since) =>
        context.BatchLoaders().Get<Guid, IReadOnlyList<CampaignDay>>($"campaigns.activity.{since:yyyy-MM-dd}", async (ids, ct) =>
        {
            var campaigns = ids.ToArray();
            await using var session = context.Session();
            var days = await session.Query<CampaignDay>()
                .Where(d => campaigns.Contains(d.CampaignId) && d.Day >= since)
                .OrderByDescending(d => d.Day)
                .ToListAsync(ct);
            return days.GroupBy(d => d.CampaignId).ToDictionary(g => g.Key, g => (IReadOnlyList<CampaignDay>)g.ToList());
        }).Load(campaignId);

    internal sealed record ProgressRow(Guid CampaignId, CampaignProgress Data, int Participants);

    /// <summary>What the signed-in member's sign-up status is for an action, from the action itself (no query).</summary>
    public static SignUpStatus? StatusOf(CampaignAction action, Guid memberId) =>
        action.Attended.Contains(memberId) ? SignUpStatus.Attended
        : action.SignedUp.Contains(memberId) ? SignUpStatus.SignedUp
        : action.Withdrawn.Contains(memberId) ? SignUpStatus.Withdrawn
        : null;
}

public enum SignUpStatus
{
    SignedUp,
    Withdrawn,
    Attended,
}
