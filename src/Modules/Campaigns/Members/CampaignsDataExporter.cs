namespace WorkersPower.Campaigns.Members;

/// <summary>Campaigns' part of a member's data export: the actions they took part in and their notices.</summary>
internal sealed class CampaignsDataExporter(ICampaignsStore store) : IMemberDataExporter
{
    public string Section => "campaigns";

    public async Task<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var actions = await session.Query<CampaignAction>()
            .Where(a => a.SignedUp.Contains(memberId) || a.Attended.Contains(memberId) || a.Withdrawn.Contains(memberId))
            .ToListAsync(cancellationToken);
        var notices = await session.Query<MemberNotice>().Where(n => n.MemberId == memberId).ToListAsync(cancellationToken);
        return new
        {
            actions = actions.Select(a => new
            {
                a.Title, a.Kind, a.StartsAt, a.Location,
                signedUp = a.SignedUp.Contains(memberId), withdrew = a.Withdrawn.Contains(memberId), attended = a.Attended.Contains(memberId),
            }),
            notices = notices.Select(n => new { n.Kind, n.Text, n.CreatedAt }),
        };
    }
}
