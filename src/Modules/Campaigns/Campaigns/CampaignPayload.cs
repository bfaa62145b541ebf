namespace WorkersPower.Campaigns.Campaigns;

/// <summary>What every campaign mutation answers: the campaign as it is after the command, or why nothing changed.</summary>
public sealed record CampaignPayload(Campaign? Campaign) : Payload
{
    /// <summary>Runs a campaign's command and answers the campaign as it is after it (a race is answered, not re-tried).</summary>
    internal static async Task<CampaignPayload> RunAsync(IResolveFieldContext ctx, object command)
    {
        var result = await ctx.InvokeAsync(command, Races);
        if (result.Id is not { } id) return new CampaignPayload((Campaign?)null) { Errors = result.Errors };
        await using var session = ctx.Session();
        return new CampaignPayload(await session.LoadAsync<Campaign>(id, ctx.CancellationToken));
    }

    /// <summary>Runs the command made for the campaign with this global id; one that names no campaign is NOT_FOUND.</summary>
    internal static async Task<CampaignPayload> RunAsync(IResolveFieldContext ctx, string campaignId, Func<Guid, object> command) =>
        GlobalId.TryDecode(campaignId, CampaignType.TypeName) is { } id ? await RunAsync(ctx, command(id)) : Refused(CampaignRules.NoSuchCampaign);

    /// <summary>Nothing changed, for this reason (e.g. an id that names no campaign).</summary>
    internal static CampaignPayload Refused(UserError error) => new((Campaign?)null) { Errors = [error] };

    private static readonly RaceAnswers Races = new(
        UserError.Conflict("The campaign changed at the same moment: reload it and try again."),
        UserError.AlreadyExists("That slug was taken at the same moment: try again.", "input", "slug"));
}

public sealed class CampaignPayloadType : PayloadType<CampaignPayload>
{
    public CampaignPayloadType() : base("CampaignPayload", "The campaign, or why nothing changed.") =>
        Field<CampaignType>("campaign").Description("The campaign.").Resolve(ctx => ctx.Source.Campaign);
}
