namespace WorkersPower.Membership.Contracts;

/// <summary>Who read personal data: the caller's account, member record (when they have one) and roles.</summary>
public sealed record PersonalDataReader(Guid AccountId, Guid? MemberId, IReadOnlyList<string> Roles);

/// <summary>
/// Records reads of members' personal data held outside Membership (e.g. Campaigns' sign-up lists), in the
/// same audit as Membership's own reads (<c>personalDataReads</c>). A scoped service: within one request a
/// reader's read of a member is recorded once, whichever module shows the data.
/// </summary>
public interface IPersonalDataAudit
{
    /// <summary>
    /// Records that <paramref name="reader"/> read the personal data of these members, in one write whatever
    /// their number. The reader's own record and members already recorded in this request are left out.
    /// </summary>
    Task RecordReadsAsync(PersonalDataReader reader, IReadOnlyCollection<Guid> memberIds, CancellationToken cancellationToken);
}
