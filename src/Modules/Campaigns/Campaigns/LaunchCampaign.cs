using Microsoft.Extensions.Logging;

namespace WorkersPower.Campaigns.Campaigns;

/// <summary>
/// launchCampaign: an organiser (ORGANISER on any scope) or admin launches a campaign, at an address (slug) of its own;
/// the launcher gets CAMPAIGN_ORGANISER on it (<see cref="CampaignOrganiserGrants"/>).
/// </summary>
[Description("A new campaign.")]
public sealed record LaunchCampaignInput(
    [property: Description("The title (3 to 200 characters).")] string Title,
    [property: Description("What it is about (up to 2000 characters).")] string Summary,
    [property: Description("Its address (lower-case letters, digits, hyphens); made from the title when omitted.")] string? Slug,
    [property: Description("A target, e.g. a number of participants.")] int? Goal);

public sealed record LaunchCampaign(string Title, string Summary, string? Slug, int? Goal, Caller Actor)
{
    /// <summary>The slug asked for, or the one the title makes (then numbered when taken: -2, -3, …).</summary>
    public string WantedSlug() => Slug is { } given ? given.Trim().ToLowerInvariant() : Slugs.FromTitle(Title, "campaign");

    /// <summary>
    /// The rules: the campaign's text and goal (<see cref="CampaignRules.Validate"/>); a slug asked for is valid and
    /// not <paramref name="taken"/>; without one, the title's slug or the first free numbered one.
    /// </summary>
    /// <param name="taken">The slugs in use among those the command may want (see the handler).</param>
    public Decision Decide(IReadOnlyCollection<string> taken, Guid id, DateTimeOffset now)
    {
        var errors = CampaignRules.Validate(Title, Summary, Goal, required: true);
        var slug = WantedSlug();
        if (Slug is null) slug = Slugs.FirstFree(slug, taken);
        else if (!Slugs.IsValid(slug)) errors.Add(UserError.Validation("input.slug", "A slug is 1 to 100 lower-case letters, digits and single hyphens."));
        else if (taken.Contains(slug)) errors.Add(UserError.AlreadyExists($"The slug '{slug}' is taken.", "input", "slug"));
        if (errors.Count > 0) return Decision.Refuse(errors);
        return Decision.Accept(new CampaignLaunched(id, slug, Title.Trim(), Summary.Trim(), Goal, Actor.AccountId, Actor.MemberId, now));
    }

    /// <summary>What Membership is asked once the campaign is launched: CAMPAIGN_ORGANISER on it for the launcher (none for an account without a member: an admin's).</summary>
    public GrantCampaignOrganiser? GrantFor(Guid campaignId) =>
        Actor.MemberId is { } launcher ? new GrantCampaignOrganiser(launcher, campaignId, Actor.AccountId, CampaignOrganiserGrants.LaunchReason, OnlyIfOrganiser: false) : null;
}

public static class LaunchCampaignHandler
{
    /// <summary>
    /// Starts the campaign's stream and, in the same transaction (the outbox), asks Membership to grant the launcher
    /// CAMPAIGN_ORGANISER on it: the durable copy of the grant the field also makes at once (<see cref="LaunchCampaignField"/>).
    /// </summary>
    public static async Task<(CommandResult, GrantCampaignOrganiser?)> Handle(LaunchCampaign command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var slug = command.WantedSlug();
        var prefix = slug + "-";
        IReadOnlyList<string> taken = command.Slug is null
            ? await session.Query<Campaign>().Where(c => c.Slug == slug || c.Slug.StartsWith(prefix)).Select(c => c.Slug).ToListAsync(ct)
            : Slugs.IsValid(slug) && await session.Query<Campaign>().AnyAsync(c => c.Slug == slug, ct) ? [slug] : [];
        var id = Guid.CreateVersion7();
        var decision = command.Decide(taken, id, clock.GetUtcNow());
        if (decision.Events.Count == 0) return (decision.ToResult(id), null);
        session.Events.StartStream<Campaign>(id, [.. decision.Events]);
        return (decision.ToResult(id), command.GrantFor(id));
    }
}

internal sealed partial class LaunchCampaignField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<CampaignPayloadType, AutoRegisteringInputObjectGraphType<LaunchCampaignInput>>("launchCampaign", "Launch a campaign (organisers of any branch or of the whole organisation, admins). The launcher becomes one of its organisers " +
                "(CAMPAIGN_ORGANISER on it) before the answer comes back, so their next request may schedule its actions.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<LaunchCampaignInput>();
                var command = new LaunchCampaign(input.Title, input.Summary, input.Slug, input.Goal is 0 ? null : input.Goal, ctx.Caller());
                var payload = await CampaignPayload.RunAsync(ctx, command);
                if (payload.Campaign is { } campaign && command.GrantFor(campaign.Id) is { } grant) await GrantNowAsync(ctx, grant);
                return payload;
            });

    /// <summary>
    /// Grants the launcher CAMPAIGN_ORGANISER at once, in-process, once the campaign is committed: Membership's handler
    /// records the grant and drops this node's cached token answer for the account, so the launcher's next request here
    /// may schedule the campaign's first action. The launch's transaction also put the same message in the outbox: if
    /// this call fails (or the process stops first), that durable copy grants it moments later; the grant's id is one
    /// per member and campaign, so the two copies make one grant.
    /// </summary>
    private static async Task GrantNowAsync(IResolveFieldContext ctx, GrantCampaignOrganiser grant)
    {
        var services = ctx.RequestServices!;
        try
        {
            await services.GetRequiredService<IMessageBus>().InvokeAsync(grant, ctx.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogGrantDeferred(services.GetRequiredService<ILogger<LaunchCampaignField>>(), e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Granting the launcher CAMPAIGN_ORGANISER at once failed; the outbox's copy of the grant follows.")]
    private static partial void LogGrantDeferred(ILogger logger, Exception exception);
}
