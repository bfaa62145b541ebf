namespace WorkersPower.Membership.Messages;

/// <summary>The organisers' messages a member sent, in their data export (exportMyData, under modules.organiserMessages).</summary>
internal sealed class OrganiserMessagesDataExporter(IMembershipStore store) : IMemberDataExporter
{
    public string Section => "organiserMessages";

    public async Task<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var sent = await session.Query<OrganiserMessage>().Where(m => m.SenderMemberId == memberId).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        return sent.Select(m => new { m.SentAt, m.Segment, m.RecipientCount, m.SignedAs, m.Subject, m.Body }).ToList();
    }
}
