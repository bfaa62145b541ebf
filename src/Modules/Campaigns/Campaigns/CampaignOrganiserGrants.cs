using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkersPower.Campaigns.Campaigns;

/// <summary>
/// Campaigns' side of CAMPAIGN_ORGANISER, which Membership keeps as grants: the reasons its grants carry, and the
/// one-off migration of who ran each campaign before grants. The launcher's grant is made by <c>LaunchCampaignField</c>
/// (at once) and <see cref="LaunchCampaignHandler"/> (the outbox's copy); a campaign's organisers are read for its page
/// by <c>CampaignsReads.LoadCampaignOrganisers</c>.
/// </summary>
/// <remarks>
/// Two records, two meanings: <see cref="Campaign.OrganiserMemberIds"/> is the history of who launched the campaign or
/// scheduled one of its actions (kept, never shrinks); a CAMPAIGN_ORGANISER grant (Membership's) is who may run it now,
/// what every rule reads (<see cref="ViewerOrganises"/>) and what <c>Campaign.organisers</c> shows.
/// </remarks>
public static class CampaignOrganiserGrants
{
    public const string LaunchReason = "Launched the campaign";

    public const string MigrationReason = "Launched the campaign or scheduled one of its actions before grants";
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

/// <summary>
/// Runs Campaigns' start-up steps (the campaign organisers' migration) as the host starts; a step already recorded does
/// nothing. Its record is looked up first with one read: only a missing step goes through the message bus, whose first
/// use of the handler costs a start its code (generated at run time, compiled, when the host has no pre-generated code).
/// </summary>
internal sealed partial class CampaignsStartupSteps(ICampaignsStore store, IServiceScopeFactory scopes, ILogger<CampaignsStartupSteps> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var query = store.QuerySession())
            if (await query.LoadAsync<CampaignsStartupStep>(MigrateCampaignOrganisers.StepName, cancellationToken) is not null) return;
        try
        {
            // the message bus is scoped: a hosted service (a singleton) takes it from a scope of its own
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new MigrateCampaignOrganisers(), cancellationToken);
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
