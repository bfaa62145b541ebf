using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkersPower.Membership.Members.Ledger;

/// <summary>
/// At start-up: members whose consents are not in the ledger yet (they joined before it existed) get one entry per channel,
/// source MIGRATION, as their preferences stand, at their last known change (<see cref="ConsentRules.Migration"/>). Members who
/// have entries are left alone, so a second start adds nothing; erased members get none. Two nodes starting at once: the second
/// append to a member's stream fails on its version and that member is skipped (the first migrated it). Once no member is left
/// without entries, the migration writes its mark (<see cref="Mark"/> in <c>membership.projection_builds</c>): every member who
/// joins since gets the join form's entries at approval, so later starts read only the mark, not every member.
/// </summary>
internal sealed partial class ConsentLedgerMigration(IMembershipStore store, TimeProvider clock, ILogger<ConsentLedgerMigration> logger) : IHostedService
{
    /// <summary>The mark of a finished migration.</summary>
    public const string Mark = "consent_ledger_migration:1";

    /// <summary>Members of the profile table with no consent entry in the ledger, not erased.</summary>
    private const string Unmigrated =
        "select p.id from membership.mt_doc_memberprofile p where p.erased = false and not exists " +
        "(select 1 from membership.mt_doc_memberledger l where l.id = p.id and jsonb_array_length(l.data -> 'Consents') > 0)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> ids;
        await using (var query = store.QuerySession())
        {
            if ((await query.AdvancedSql.QueryAsync<int>($"select 1 from {MembershipModule.Schema}.projection_builds where name = '{Mark}'", cancellationToken)).Count > 0) return;
            ids = await query.AdvancedSql.QueryAsync<Guid>(Unmigrated, cancellationToken);
        }
        var migrated = 0;
        foreach (var id in ids)
            if (await MigrateAsync(id, cancellationToken)) migrated++;
        if (ids.Count > 0) LogMigrated(logger, migrated);

        // marked only when none is left: a member skipped here (changed at the same moment) is migrated at the next start
        await using var session = store.LightweightSession();
        if (ids.Count > 0 && (await session.AdvancedSql.QueryAsync<Guid>(Unmigrated, cancellationToken)).Count > 0) return;
        session.QueueSqlCommand(
            $"insert into {MembershipModule.Schema}.projection_builds (name, built_at, rows) values (?, ?, ?) on conflict (name) do nothing",
            Mark, clock.GetUtcNow(), (long)migrated);
        await session.SaveChangesAsync(cancellationToken);
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
