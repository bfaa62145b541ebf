namespace WorkersPower.Campaigns.Campaigns;

/// <summary>launchCampaign: an organiser or admin launches a campaign, at an address (slug) of its own.</summary>
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
}

public static class LaunchCampaignHandler
{
    public static async Task<CommandResult> Handle(LaunchCampaign command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var slug = command.WantedSlug();
        var prefix = slug + "-";
        IReadOnlyList<string> taken = command.Slug is null
            ? await session.Query<Campaign>().Where(c => c.Slug == slug || c.Slug.StartsWith(prefix)).Select(c => c.Slug).ToListAsync(ct)
            : Slugs.IsValid(slug) && await session.Query<Campaign>().AnyAsync(c => c.Slug == slug, ct) ? [slug] : [];
        var id = Guid.CreateVersion7();
        var decision = command.Decide(taken, id, clock.GetUtcNow());
        if (decision.Events.Count > 0) session.Events.StartStream<Campaign>(id, [.. decision.Events]);
        return decision.ToResult(id);
    }
}

internal sealed class LaunchCampaignField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<CampaignPayloadType, AutoRegisteringInputObjectGraphType<LaunchCampaignInput>>("launchCampaign", "Launch a campaign (organisers, admins).")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<LaunchCampaignInput>();
                return await CampaignPayload.RunAsync(ctx, new LaunchCampaign(input.Title, input.Summary, input.Slug, input.Goal is 0 ? null : input.Goal, ctx.Caller()));
            });
}
