namespace WorkersPower.Membership.Members;

/// <summary>
/// A record that someone other than the member read the member's personal data (who, whom, when):
/// at most one per reader, member and request.
/// </summary>
public sealed class PersonalDataRead
{
    public Guid Id { get; set; }
    public Guid ReaderAccountId { get; set; }
    public Guid? ReaderMemberId { get; set; }
    public IReadOnlyList<string> ReaderRoles { get; set; } = [];
    public Guid MemberId { get; set; }
    public DateTimeOffset ReadAt { get; set; }

    /// <summary>Orders the list newest first and makes cursors stable: the time in milliseconds, times 1000, plus a counter.</summary>
    public long Sequence { get; set; }

    public static long NextSequence(DateTimeOffset at) => WorkersPower.Platform.Sequences.Next(at);
}
