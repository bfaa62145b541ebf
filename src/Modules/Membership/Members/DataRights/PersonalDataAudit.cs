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

    // the reads that record members' reads in their own statement (RecordedWithAsync), one after another: until the
    // last has answered, nothing else decides what is still to be recorded
    private Task recordingReads = Task.CompletedTask;

    public Task RecordReadsAsync(PersonalDataReader reader, IReadOnlyCollection<Guid> memberIds, CancellationToken cancellationToken) =>
        RecordAsync(reader, PersonalDataSubject.Member, memberIds.Where(id => id != reader.MemberId).ToList(), cancellationToken);

    /// <summary>Records reads of pending or rejected applications' personal fields (once per application per request).</summary>
    public Task RecordApplicationReadsAsync(PersonalDataReader reader, IReadOnlyCollection<Guid> applicationIds, CancellationToken cancellationToken) =>
        RecordAsync(reader, PersonalDataSubject.Application, applicationIds, cancellationToken);

    /// <summary>
    /// Runs a read that writes, in its own statement, the <see cref="PersonalDataRead"/> records of the members it
    /// shows (members' search page: one round trip). <paramref name="read"/> is handed the members already recorded
    /// for this reader in the request (to leave out) and the time to record, and answers with the members it recorded, which no later
    /// <see cref="RecordReadsAsync"/> in the request writes again. Records made meanwhile wait for it, so a member is
    /// recorded once per request whichever comes first.
    /// </summary>
    public async Task<T> RecordedWithAsync<T>(PersonalDataReader reader, Func<IReadOnlyCollection<Guid>, DateTimeOffset, Task<(T Answer, IReadOnlyCollection<Guid> Recorded)>> read)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task before;
        lock (gate) (before, recordingReads) = (recordingReads, done.Task);
        try
        {
            await before;
            List<Guid> already;
            lock (gate) already = [.. recorded.Where(r => r.Reader == reader.AccountId && r.Kind == PersonalDataSubject.Member).Select(r => r.Subject)];
            var (answer, written) = await read(already, clock.GetUtcNow());
            lock (gate) foreach (var id in written) recorded.Add((reader.AccountId, PersonalDataSubject.Member, id));
            return answer;
        }
        finally
        {
            done.SetResult();
        }
    }

    /// <summary>A <see cref="PersonalDataRead"/> as <see cref="RecordAsync"/> writes it (the reader, the time, the sequence rule; a new id).</summary>
    public static PersonalDataRead Record(PersonalDataReader reader, PersonalDataSubject kind, Guid subject, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        ReaderAccountId = reader.AccountId,
        ReaderMemberId = reader.MemberId,
        ReaderRoles = reader.Roles,
        Subject = kind,
        MemberId = kind == PersonalDataSubject.Member ? subject : Guid.Empty,
        ApplicationId = kind == PersonalDataSubject.Application ? subject : null,
        ReadAt = now,
        Sequence = PersonalDataRead.NextSequence(now),
    };

    private async Task RecordAsync(PersonalDataReader reader, PersonalDataSubject kind, IReadOnlyCollection<Guid> subjects, CancellationToken cancellationToken)
    {
        Task pending;
        lock (gate) pending = recordingReads;
        await pending;
        List<Guid> fresh;
        lock (gate)
            fresh = subjects.Distinct().Where(id => recorded.Add((reader.AccountId, kind, id))).ToList();
        if (fresh.Count == 0) return;
        var now = clock.GetUtcNow();
        try
        {
            await using var session = store.LightweightSession();
            foreach (var id in fresh) session.Insert(Record(reader, kind, id, now));
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
