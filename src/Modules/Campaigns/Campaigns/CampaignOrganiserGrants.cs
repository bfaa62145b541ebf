using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkersPower.Campaigns.Campaigns;

/// <summary>
/// Campaigns' side of CAMPAIGN_ORGANISER, which Membership keeps as grants: the launcher's grant made at once, the
/// organisers of a campaign read for its page, and the one-off migration of who ran each campaign before grants.
/// </summary>
/// <remarks>
/// Two records, two meanings: <see cref="Campaign.OrganiserMemberIds"/> is the history of who launched the campaign or
/// scheduled one of its actions (kept, never shrinks); a CAMPAIGN_ORGANISER grant (Membership's) is who may run it now,
/// what every rule reads (<see cref="ViewerOrganises"/>) and what <c>Campaign.organisers</c> shows.
/// </remarks>
public static partial class CampaignOrganiserGrants
{
    public const string LaunchReason = "Launched the campaign";

    public const string MigrationReason = "Launched the campaign or scheduled one of its actions before grants";

    /// <summary>
    /// Grants the launcher CAMPAIGN_ORGANISER at once, in-process, once the campaign is committed: Membership's handler
    /// records the grant and drops this node's cached token answer for the account, so the launcher's next request here
    /// may schedule the campaign's first action. The launch's transaction also put the same message in the outbox: if
    /// this call fails (or the process stops first), that durable copy grants it moments later; the grant's id is one
    /// per member and campaign, so the two copies make one grant.
    /// </summary>
    internal static async Task GrantNowAsync(IResolveFieldContext ctx, GrantCampaignOrganiser grant)
    {
        var services = ctx.RequestServices!;
        try
        {
            await services.GetRequiredService<IMessageBus>().InvokeAsync(grant, ctx.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogGrantDeferred(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CampaignOrganiserGrants)), e);
        }
    }

    /// <summary>The members holding CAMPAIGN_ORGANISER on each campaign asked for in the request (Membership's answer, one question per campaign).</summary>
    internal static IDataLoaderResult<IReadOnlyList<Guid>?> LoadHolders(IResolveFieldContext ctx, Guid campaignId)
    {
        var organisers = ctx.RequestServices!.GetRequiredService<ICampaignOrganisers>(); // the fetch may run once this context is recycled
        return ctx.BatchLoaders().Get<Guid, IReadOnlyList<Guid>>("campaigns.organisers", async (ids, ct) =>
        {
            var holders = new Dictionary<Guid, IReadOnlyList<Guid>>();
            foreach (var id in ids) holders[id] = await organisers.MemberIdsAsync(id, ct);
            return holders;
        }).Load(campaignId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Granting the launcher CAMPAIGN_ORGANISER at once failed; the outbox's copy of the grant follows.")]
    private static partial void LogGrantDeferred(ILogger logger, Exception exception);
}

/// <summary>The record that a start-up step of Campaigns ran (its name is the id), so it runs once.</summary>
public sealed class CampaignsStartupStep
{
    public string Id { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>How many messages it sent.</summary>
    public int Sent { get; set; }
}

/// <summary>
/// The migration of who ran each campaign before grants: whoever launched it or scheduled one of its actions
/// (<see cref="Campaign.OrganiserMemberIds"/>) is asked to be granted CAMPAIGN_ORGANISER on it, only if they hold
/// ORGANISER or ADMIN (as before grants they ran it only while holding ORGANISER; Membership decides, from the account's
/// roles or its grants). Sent once: the step is recorded in the same transaction as the messages (the outbox).
/// </summary>
public sealed record MigrateCampaignOrganisers
{
    public const string StepName = "campaign-organiser-grants";
}

public static class MigrateCampaignOrganisersHandler
{
    public static async Task<OutgoingMessages> Handle(MigrateCampaignOrganisers _, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        if (await session.LoadAsync<CampaignsStartupStep>(MigrateCampaignOrganisers.StepName, ct) is not null) return outgoing;
        var campaigns = await session.Query<Campaign>().OrderBy(c => c.Sequence).ToListAsync(ct);
        foreach (var campaign in campaigns)
        foreach (var member in campaign.OrganiserMemberIds.Distinct())
            outgoing.Add(new GrantCampaignOrganiser(member, campaign.Id, Guid.Empty, CampaignOrganiserGrants.MigrationReason, OnlyIfOrganiser: true));
        // Insert, not Store: a second node running the step at the same moment fails here, and its messages with it
        session.Insert(new CampaignsStartupStep { Id = MigrateCampaignOrganisers.StepName, At = clock.GetUtcNow(), Sent = outgoing.Count });
        return outgoing;
    }
}

/// <summary>Runs Campaigns' start-up steps (the campaign organisers' migration) as the host starts; a step already recorded does nothing.</summary>
internal sealed partial class CampaignsStartupSteps(IMessageBus bus, ILogger<CampaignsStartupSteps> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await bus.InvokeAsync(new MigrateCampaignOrganisers(), cancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            LogRanElsewhere(logger); // another node recorded it at the same moment
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Another node ran Campaigns' start-up step at the same moment; nothing to do here.")]
    private static partial void LogRanElsewhere(ILogger logger);
}
