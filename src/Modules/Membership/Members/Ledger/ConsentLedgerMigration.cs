using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkersPower.Membership.Members.Ledger;

/// <summary>
/// At every start-up: members whose consents are not in the ledger yet (they joined before it existed) get one entry per channel,
/// source MIGRATION, as their preferences stand, at their last known change (<see cref="ConsentRules.Migration"/>). Members who
/// have entries are left alone, so a second start adds nothing; erased members get none. Two nodes starting at once: the second
/// append to a member's stream fails on its version and that member is skipped (the first migrated it).
/// </summary>
internal sealed partial class ConsentLedgerMigration(IMembershipStore store, ILogger<ConsentLedgerMigration> logger) : IHostedService
{
    /// <summary>Members of the profile table with no consent entry in the ledger, not erased.</summary>
    private const string Unmigrated =
        "select p.id from membership.mt_doc_memberprofile p where p.erased = false and not exists " +
        "(select 1 from membership.mt_doc_memberledger l where l.id = p.id and jsonb_array_length(l.data -> 'Consents') > 0)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> ids;
        await using (var query = store.QuerySession())
            ids = await query.AdvancedSql.QueryAsync<Guid>(Unmigrated, cancellationToken);
        if (ids.Count == 0) return;
        var migrated = 0;
        foreach (var id in ids)
            if (await MigrateAsync(id, cancellationToken)) migrated++;
        LogMigrated(logger, migrated);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> MigrateAsync(Guid memberId, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<MemberProfile>(memberId, ct);
        if (stream.Aggregate is not { } member) return false;
        var events = await session.Events.FetchStreamAsync(memberId, token: ct);
        var ledger = await session.LoadAsync<MemberLedger>(memberId, ct);
        var (joinedAt, changedAt) = LastKnownChanges(events);
        var entries = ConsentRules.Migration(member, ledger, joinedAt, c => changedAt.GetValueOrDefault(c, joinedAt));
        if (entries.Count == 0) return false;
        stream.AppendMany(entries);
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e))
        {
            return false; // another node migrated (or the member changed) at the same moment
        }
    }

    /// <summary>When the member last joined (or rejoined), and when each preference last changed before the ledger.</summary>
    internal static (DateTimeOffset JoinedAt, Dictionary<ConsentChannel, DateTimeOffset> ChangedAt) LastKnownChanges(IEnumerable<IEvent> events)
    {
        var joinedAt = DateTimeOffset.MinValue;
        var changedAt = new Dictionary<ConsentChannel, DateTimeOffset>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case MembershipStarted s: joinedAt = s.StartedAt; break;
                case MembershipRenewed r: joinedAt = r.At; break;
                case CommunicationPreferencesChanged c:
                    foreach (var channel in ConsentRules.PreferenceChannels) changedAt[channel] = c.At;
                    break;
                case UnsubscribedFromEmail u: changedAt[ConsentChannel.Email] = u.At; break;
            }
        }
        if (joinedAt == DateTimeOffset.MinValue) joinedAt = events.FirstOrDefault()?.Timestamp ?? DateTimeOffset.UnixEpoch;
        return (joinedAt, changedAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consent ledger: migrated the preferences of {Count} members (source MIGRATION).")]
    private static partial void LogMigrated(ILogger logger, int count);
}
