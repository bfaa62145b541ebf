namespace WorkersPower.Campaigns.Campaigns;

/// <summary>
/// The input of concludeCampaign and reopenCampaign, which take nothing but the campaign: one shape kept under
/// its published name (clients declare <c>$input: CampaignIdInput!</c>), not a catch-all.
/// </summary>
[Description("Which campaign.")]
public sealed record CampaignIdInput([property: Id, Description("The campaign's global id.")] string CampaignId);
