using WorkersPower.Membership.Applications;
using WorkersPower.Platform.GraphQL;

namespace WorkersPower.Membership.Members;

public enum MembershipStatus
{
    Active,
    Lapsed,
    Suspended,
    Resigned,
}

/// <summary>A member record began: the application was approved into a branch.</summary>
public sealed record MembershipStarted(
    Guid MemberId,
    Guid ApplicationId,
    Guid BranchId,
    string GivenName,
    string FamilyName,
    string Email,
    string? Phone,
    string Postcode,
    string? Union,
    string? Workplace,
    IReadOnlyList<string> Interests,
    Money Contribution,
    ContributionFrequency ContributionFrequency,
    Guid ApprovedBy,
    DateTimeOffset StartedAt);

/// <summary>An invitation to set a password was issued (the token itself is never stored, only its hash on the account).</summary>
public sealed record AccountInvitationIssued(Guid MemberId, DateTimeOffset ExpiresAt, Guid IssuedBy, DateTimeOffset IssuedAt);

/// <summary>The member chose a password with their invitation: they can sign in.</summary>
public sealed record AccountActivated(Guid MemberId, DateTimeOffset ActivatedAt);
