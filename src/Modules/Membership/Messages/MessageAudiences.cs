using WorkersPower.Campaigns.Contracts;

namespace WorkersPower.Membership.Messages;

/// <summary>
/// Finds what a segment reaches for a sender: checks they may reach it (a branch: <see cref="MessageSegment.WhyNotBranch"/>;
/// an action or a campaign: Campaigns' <see cref="ICampaignAudience"/>), then the ids of its members who accept
/// email (<see cref="MemberConditions.AcceptsEmail"/>). Reads ids and counts only: nobody's personal data.
/// </summary>
public static class MessageAudiences
{
    public static readonly UserError NoSuchBranch = UserError.NotFound("There is no such branch.", "input", "segment", "branchId");
    public static readonly UserError NoSuchAction = UserError.NotFound("There is no such action.", "input", "segment", "actionId");
    public static readonly UserError NoSuchCampaign = UserError.NotFound("There is no such campaign.", "input", "segment", "campaignId");

    public const string NotTheirCampaign = "Only admins and the campaign's organisers write to the people signed up for its actions.";

    /// <summary>What <paramref name="segment"/> (one without a <see cref="MessageSegment.Problem"/>) reaches for <paramref name="sender"/>.</summary>
    public static async Task<Audience> FindAsync(IQuerySession session, ICampaignAudience campaigns, MessageSegment segment, Actor sender, DateOnly today, CancellationToken ct)
    {
        if (segment.BranchId is { } branchId)
        {
            if (await session.LoadAsync<Branch>(branchId, ct) is not { } branch) return new Audience.Unknown(NoSuchBranch);
            if (MessageSegment.WhyNotBranch(sender, branchId) is { } why) return new Audience.Denied(why);
            var query = session.Query<MemberProfile>().Where(MemberConditions.AcceptsEmail);
            foreach (var condition in MemberConditions.Of(branchId, segment.Standing, segment.InArrears, segment.Interest, today)) query = query.Where(condition);
            return new Audience.Reached(segment.DescribeBranch(branch.Name), await query.Select(m => m.Id).ToListAsync(ct));
        }
        var reader = new CampaignAudienceReader(sender.AccountId, sender.MemberId, sender.Roles);
        var found = segment.ActionId is { } actionId
            ? await campaigns.OfActionAsync(actionId, reader, ct)
            : await campaigns.OfCampaignAsync(segment.CampaignId!.Value, reader, ct);
        if (found is null) return new Audience.Unknown(segment.ActionId is null ? NoSuchCampaign : NoSuchAction);
        if (found.MemberIds is not { } signedUp) return new Audience.Denied(NotTheirCampaign);
        var ids = signedUp.ToArray();
        var recipients = ids.Length == 0 ? [] : await session.Query<MemberProfile>()
            .Where(MemberConditions.AcceptsEmail)
            .Where(m => ids.Contains(m.Id))
            .Select(m => m.Id)
            .ToListAsync(ct);
        return new Audience.Reached($"People signed up for {found.Description}", recipients);
    }
}
