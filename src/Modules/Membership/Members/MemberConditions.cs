using System.Linq.Expressions;

namespace WorkersPower.Membership.Members;

/// <summary>
/// The conditions members are narrowed by, written once as queryable expressions: the members list's filters
/// (<c>members(filter:)</c>) and the segments organisers write to (<c>sendMessageToMembers</c>) use the same rules.
/// </summary>
public static class MemberConditions
{
    /// <summary>
    /// Not erased; of the branch (all branches when null); with the standing; at least a month in arrears (true) or
    /// paid up (false); with the interest (exact, trimmed).
    /// </summary>
    public static IReadOnlyList<Expression<Func<MemberProfile, bool>>> Of(Guid? branchId, MembershipStatus? status, bool? inArrears, string? interest, DateOnly today) =>
        Of(branchId is { } b ? [b] : null, status, inArrears, interest, today);

    /// <summary>As <see cref="Of(Guid?, MembershipStatus?, bool?, string?, DateOnly)"/>, of any of the branches (all branches when null).</summary>
    public static IReadOnlyList<Expression<Func<MemberProfile, bool>>> Of(IReadOnlyCollection<Guid>? branchIds, MembershipStatus? status, bool? inArrears, string? interest, DateOnly today)
    {
        var firstOfMonth = ContributionLedger.MonthOf(today);
        var conditions = new List<Expression<Func<MemberProfile, bool>>> { m => !m.Erased };
        if (branchIds is { Count: 1 }) { var b = branchIds.First(); conditions.Add(m => m.BranchId == b); }
        else if (branchIds is not null)
        {
            var ids = branchIds.ToArray();
            conditions.Add(m => ids.Contains(m.BranchId));
        }
        if (status is { } s) conditions.Add(m => m.Status == s);
        if (inArrears == true) conditions.Add(m => m.CoveredUntil < firstOfMonth);
        if (inArrears == false) conditions.Add(m => m.CoveredUntil >= firstOfMonth);
        if (!string.IsNullOrWhiteSpace(interest))
        {
            var i = interest.Trim();
            conditions.Add(m => m.Interests.Contains(i));
        }
        return conditions;
    }

    /// <summary><see cref="MemberProfile.AcceptsEmail"/> as a query: email on, an address, not resigned, not erased.</summary>
    public static Expression<Func<MemberProfile, bool>> AcceptsEmail { get; } =
        m => !m.Erased && m.Communication.Email && m.Email != "" && m.Status != MembershipStatus.Resigned;
}
