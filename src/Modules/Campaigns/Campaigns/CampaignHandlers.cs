using Marten;
using WorkersPower.Platform;

namespace WorkersPower.Campaigns.Campaigns;

public sealed record LaunchCampaign(string Title, string Summary, string? Slug, int? Goal, Caller Actor);
public sealed record UpdateCampaign(Guid CampaignId, string? Title, string? Summary, int? Goal, bool ClearGoal, Caller Actor);
public sealed record ConcludeCampaign(Guid CampaignId, Caller Actor);
public sealed record ReopenCampaign(Guid CampaignId, Caller Actor);

public static class CampaignHandler
{
    internal static List<UserError> Validate(string? title, string? summary, int? goal, bool titleRequired)
    {
        var errors = new List<UserError>();
        if (titleRequired || title is not null)
        {
            if (string.IsNullOrWhiteSpace(title) || title.Trim().Length < 3 || title.Trim().Length > 200)
                errors.Add(UserError.Validation("input.title", "The title must be 3 to 200 characters."));
            else if (!TextInput.IsText(title)) errors.Add(UserError.Validation("input.title", TextInput.NotText("The title")));
        }
        if (titleRequired || summary is not null)
        {
            if (string.IsNullOrWhiteSpace(summary) || summary.Length > 2000)
                errors.Add(UserError.Validation("input.summary", "The summary is required, up to 2000 characters."));
            else if (!TextInput.IsText(summary, multiline: true))
                errors.Add(UserError.Validation("input.summary", TextInput.NotText("The summary", multiline: true)));
        }
        if (goal is < 1 or > 10_000_000) errors.Add(UserError.Validation("input.goal", "The goal must be between 1 and 10000000."));
        return errors;
    }

    public static async Task<CommandResult> Handle(LaunchCampaign command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(command.Title, command.Summary, command.Goal, titleRequired: true);
        string slug;
        if (command.Slug is { } given)
        {
            slug = given.Trim().ToLowerInvariant();
            if (!Slugs.IsValid(slug)) errors.Add(UserError.Validation("input.slug", "A slug is 1 to 100 lower-case letters, digits and single hyphens."));
            else if (await session.Query<Campaign>().AnyAsync(c => c.Slug == slug, ct))
                errors.Add(UserError.AlreadyExists($"The slug '{slug}' is taken.", "input", "slug"));
        }
        else
        {
            slug = Slugs.FromTitle(command.Title, "campaign");
            var prefix = slug + "-";
            var taken = await session.Query<Campaign>().Where(c => c.Slug == slug || c.Slug.StartsWith(prefix)).Select(c => c.Slug).ToListAsync(ct);
            slug = Slugs.FirstFree(slug, taken);
        }
        if (errors.Count > 0) return new CommandResult(null, errors);

        var id = Guid.CreateVersion7();
        session.Events.StartStream<Campaign>(id,
            new CampaignLaunched(id, slug, command.Title.Trim(), command.Summary.Trim(), command.Goal, command.Actor.AccountId, command.Actor.MemberId, clock.GetUtcNow()));
        return CommandResult.Ok(id);
    }

    public static async Task<(CommandResult, CampaignProgressChanged?)> Handle(UpdateCampaign command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(command.Title, command.Summary, command.Goal, titleRequired: false);
        if (errors.Count > 0) return (new CommandResult(null, errors), null);
        var stream = await session.Events.FetchForWriting<Campaign>(command.CampaignId, ct);
        if (stream.Aggregate is not { } campaign) return (NotFound, null);
        var goal = command.ClearGoal ? null : command.Goal ?? campaign.Goal;
        stream.AppendOne(new CampaignUpdated(campaign.Id, command.Title?.Trim() ?? campaign.Title, command.Summary?.Trim() ?? campaign.Summary, goal, command.Actor.AccountId, clock.GetUtcNow()));
        return (CommandResult.Ok(campaign.Id), goal != campaign.Goal ? new CampaignProgressChanged(campaign.Id) : null);
    }

    public static async Task<CommandResult> Handle(ConcludeCampaign command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Campaign>(command.CampaignId, ct);
        if (stream.Aggregate is not { } campaign) return NotFound;
        if (campaign.Status == CampaignStatus.Concluded) return CommandResult.Refused(UserError.InvalidState("The campaign is concluded already."));
        stream.AppendOne(new CampaignConcluded(campaign.Id, command.Actor.AccountId, clock.GetUtcNow()));
        return CommandResult.Ok(campaign.Id);
    }

    public static async Task<CommandResult> Handle(ReopenCampaign command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Campaign>(command.CampaignId, ct);
        if (stream.Aggregate is not { } campaign) return NotFound;
        if (campaign.Status == CampaignStatus.Active) return CommandResult.Refused(UserError.InvalidState("The campaign is active already."));
        stream.AppendOne(new CampaignReopened(campaign.Id, command.Actor.AccountId, clock.GetUtcNow()));
        return CommandResult.Ok(campaign.Id);
    }

    private static readonly CommandResult NotFound = CommandResult.Refused(UserError.NotFound("There is no such campaign.", "input", "campaignId"));
}
