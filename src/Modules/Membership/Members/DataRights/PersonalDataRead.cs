namespace WorkersPower.Membership.Members;

/// <summary>Whose personal data was read: a member's, or an applicant's before (or without) approval.</summary>
[Description("Whose personal data was read: MEMBER (a member's record, or their application once approved) or APPLICATION (a pending or rejected application).")]
public enum PersonalDataSubject
{
    Member,
    Application,
}

/// <summary>
/// A record that someone other than the person read their personal data (who, whom, when): at most one per
/// reader, subject and request. A member's data (their record, and their application once approved) is
/// recorded against the member; a pending or rejected application's data against the application.
/// </summary>
public sealed class PersonalDataRead
{
    public Guid Id { get; set; }
    public Guid ReaderAccountId { get; set; }
    public Guid? ReaderMemberId { get; set; }
    public IReadOnlyList<string> ReaderRoles { get; set; } = [];

    /// <summary>Member (the default, also for records written before applications were recorded) or Application.</summary>
    public PersonalDataSubject Subject { get; set; }

    /// <summary>The member whose data was read; <see cref="Guid.Empty"/> when <see cref="Subject"/> is Application.</summary>
    public Guid MemberId { get; set; }

    /// <summary>The application whose data was read, when <see cref="Subject"/> is Application.</summary>
    public Guid? ApplicationId { get; set; }

    public DateTimeOffset ReadAt { get; set; }

    /// <summary>Orders the list newest first and makes cursors stable: the time in milliseconds, times 1000, plus a counter.</summary>
    public long Sequence { get; set; }

    public static long NextSequence(DateTimeOffset at) => WorkersPower.Platform.Sequences.Next(at);
}
