namespace WorkersPower.Membership.Members.Ledger;

/// <summary>
/// The member's consent and programme ledger in their data export (exportMyData, under modules.ledger): every channel's consent
/// now with each change (source, time), and every programme version accepted (when, where, whether it is the current one).
/// </summary>
internal sealed class LedgerDataExporter(IMembershipStore store, IProgrammeRevisions programmes) : IMemberDataExporter
{
    public string Section => "ledger";

    public async Task<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var member = await session.LoadAsync<MemberProfile>(memberId, cancellationToken);
        if (member is null) return null;
        var ledger = await session.LoadAsync<MemberLedger>(memberId, cancellationToken);
        var current = await programmes.CurrentAsync(cancellationToken);
        return new
        {
            consents = ConsentState.Of(member, ledger).Select(c => new
            {
                c.Channel,
                c.Given,
                history = c.History.Select(h => new { h.Given, h.Source, h.At, byMember = h.By is not null }),
            }),
            programmeAcceptances = (ledger?.Programme ?? []).Select(p => new
            {
                p.PageId, p.Version, p.Source, p.VersionShown, acceptedAt = p.At,
                current = current is not null && current.PageId == p.PageId && current.CurrentVersion == p.Version,
            }),
        };
    }
}
