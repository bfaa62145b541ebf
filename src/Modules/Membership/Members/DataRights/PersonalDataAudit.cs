namespace WorkersPower.Membership.Members;

/// <summary>
/// Writes <see cref="PersonalDataRead"/> records for Membership's own fields and for other modules (through
/// <see cref="IPersonalDataAudit"/>). Scoped: remembers what it recorded in the request, so a member shown by
/// two modules in one response is recorded once.
/// </summary>
internal sealed class PersonalDataAudit(IMembershipStore store, TimeProvider clock) : IPersonalDataAudit
{
    private readonly Lock gate = new();
    private readonly HashSet<(Guid Reader, PersonalDataSubject Kind, Guid Subject)> recorded = [];

    public Task RecordReadsAsync(PersonalDataReader reader, IReadOnlyCollection<Guid> memberIds, CancellationToken cancellationToken) =>
        RecordAsync(reader, PersonalDataSubject.Member, memberIds.Where(id => id != reader.MemberId).ToList(), cancellationToken);

    /// <summary>Records reads of pending or rejected applications' personal fields (once per application per request).</summary>
    public Task RecordApplicationReadsAsync(PersonalDataReader reader, IReadOnlyCollection<Guid> applicationIds, CancellationToken cancellationToken) =>
        RecordAsync(reader, PersonalDataSubject.Application, applicationIds, cancellationToken);

    private async Task RecordAsync(PersonalDataReader reader, PersonalDataSubject kind, IReadOnlyCollection<Guid> subjects, CancellationToken cancellationToken)
    {
        List<Guid> fresh;
        lock (gate)
            fresh = subjects.Distinct().Where(id => recorded.Add((reader.AccountId, kind, id))).ToList();
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
                    Subject = kind,
                    MemberId = kind == PersonalDataSubject.Member ? id : Guid.Empty,
                    ApplicationId = kind == PersonalDataSubject.Application ? id : null,
                    ReadAt = now,
                    Sequence = PersonalDataRead.NextSequence(now),
                });
            await session.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // not recorded after all: a later read in the request tries again (and the caller sees the failure)
            lock (gate) foreach (var id in fresh) recorded.Remove((reader.AccountId, kind, id));
            throw;
        }
    }
}
