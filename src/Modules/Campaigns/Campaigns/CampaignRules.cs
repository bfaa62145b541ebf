namespace WorkersPower.Campaigns.Campaigns;

/// <summary>Rules shared by the campaign use cases: what a campaign's title, summary and goal may be, and the answer to an unknown id.</summary>
public static class CampaignRules
{
    public static readonly UserError NoSuchCampaign = UserError.NotFound("There is no such campaign.", "input", "campaignId");

    /// <summary>
    /// The title (3 to 200 characters, one line) and summary (up to 2000 characters) when given or
    /// <paramref name="required"/>; the goal, when given, between 1 and 10,000,000.
    /// </summary>
    public static List<UserError> Validate(string? title, string? summary, int? goal, bool required)
    {
        var errors = new List<UserError>();
        if (required || title is not null)
        {
            if (string.IsNullOrWhiteSpace(title) || title.Trim().Length < 3 || title.Trim().Length > 200)
                errors.Add(UserError.Validation("input.title", "The title must be 3 to 200 characters."));
            else if (!TextInput.IsText(title)) errors.Add(UserError.Validation("input.title", TextInput.NotText("The title")));
        }
        if (required || summary is not null)
        {
            if (string.IsNullOrWhiteSpace(summary) || summary.Length > 2000)
                errors.Add(UserError.Validation("input.summary", "The summary is required, up to 2000 characters."));
            else if (!TextInput.IsText(summary, multiline: true))
                errors.Add(UserError.Validation("input.summary", TextInput.NotText("The summary", multiline: true)));
        }
        if (goal is < 1 or > 10_000_000) errors.Add(UserError.Validation("input.goal", "The goal must be between 1 and 10000000."));
        return errors;
    }
}
