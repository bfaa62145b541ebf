using WorkersPower.Membership.Contracts;

namespace WorkersPower.Membership.Members;

/// <summary>
/// Writes <see cref="PersonalDataRead"/> records for Membership's own fields and for other modules (through
/// <see cref="IPersonalDataAudit"/>). Scoped: remembers what it recorded in the request, so a member shown by
/// two modules in one response is recorded once.
/// </summary>
internal sealed class PersonalDataAudit(IMembershipStore store, TimeProvider clock) : IPersonalDataAudit
{
    private readonly Lock gate = new();
    private readonly HashSet<(Guid Reader, Guid Member)> recorded = [];

    public async Task RecordReadsAsync(PersonalDataReader reader, IReadOnlyCollection<Guid> memberIds, CancellationToken cancellationToken)
    {
        List<Guid> fresh;
        lock (gate)
            fresh = memberIds.Distinct().Where(id => id != reader.MemberId && recorded.Add((reader.AccountId, id))).ToList();
        if (fresh.Count == 0) return;
        var now = clock.GetUtcNow();
        try
        {
            await using var session = store.LightweightSession();
            foreach (var id in fresh)
                session.Insert(new PersonalDataRead
                {
                    Id = Guid.CreateVersion7(),
                    ReaderAccountId = reader.AccountId,
                    ReaderMemberId = reader.MemberId,
                    ReaderRoles = reader.Roles,
                    MemberId = id,
                    ReadAt = now,
                    Sequence = PersonalDataRead.NextSequence(now),
                });
            await session.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // not recorded after all: a later read in the request tries again (and the caller sees the failure)
            lock (gate) foreach (var id in fresh) recorded.Remove((reader.AccountId, id));
            throw;
        }
    }
}
