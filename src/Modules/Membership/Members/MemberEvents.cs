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

/// <summary>The member resigned (their own decision).</summary>
public sealed record MembershipResigned(Guid MemberId, string? Reason, Guid By, DateTimeOffset At);

/// <summary>An organiser suspended the member, with a reason.</summary>
public sealed record MembershipSuspended(Guid MemberId, string Reason, Guid By, DateTimeOffset At);

/// <summary>An organiser lifted a suspension, with a reason.</summary>
public sealed record MembershipReinstated(Guid MemberId, string Reason, Guid By, DateTimeOffset At);

/// <summary>Contributions fell three months into arrears: the platform marked the member lapsed.</summary>
public sealed record MembershipLapsed(Guid MemberId, int MonthsInArrears, DateTimeOffset At);

/// <summary>A lapsed member paid up and is active again.</summary>
public sealed record MembershipRestored(Guid MemberId, Guid By, DateTimeOffset At);

/// <summary>A former member was admitted again through a new application (linked to this record).</summary>
public sealed record MembershipRenewed(
    Guid MemberId,
    Guid ApplicationId,
    Guid BranchId,
    string GivenName,
    string FamilyName,
    string Email,
    string? Phone,
    string Postcode,
    Money Contribution,
    ContributionFrequency ContributionFrequency,
    Guid ApprovedBy,
    DateTimeOffset At);

/// <summary>The member moved to another branch.</summary>
public sealed record MemberTransferred(Guid MemberId, Guid FromBranchId, Guid ToBranchId, Guid By, DateTimeOffset At, string? Reason = null);

/// <summary>An admin granted a role to the member's account.</summary>
public sealed record MemberRoleGranted(Guid MemberId, string Role, Guid By, DateTimeOffset At);

/// <summary>An admin revoked a role from the member's account.</summary>
public sealed record MemberRoleRevoked(Guid MemberId, string Role, Guid By, DateTimeOffset At);

/// <summary>The member changed their personal details (only the fields that changed are set).</summary>
public sealed record MemberProfileUpdated(
    Guid MemberId, string? GivenName, string? FamilyName, string? Email, string? Phone, bool PhoneCleared, string? Postcode, Guid By, DateTimeOffset At);

/// <summary>
/// The member asked to change their email address to <paramref name="Email"/> (null: withdrew the request). It takes
/// effect only once confirmed from a link mailed to the new address (<see cref="MemberEmailChangeConfirmed"/>); until
/// then the current address stays in force, and nobody learns whether the new one is in use.
/// </summary>
public sealed record MemberEmailChangeRequested(Guid MemberId, string? Email, Guid By, DateTimeOffset At);

/// <summary>
/// The requested address <paramref name="Email"/> was confirmed from the link mailed to it: it is now the member's email
/// and sign-in email, and no change waits any more. <paramref name="By"/>: the member's account (whoever opened the link).
/// </summary>
public sealed record MemberEmailChangeConfirmed(Guid MemberId, string Email, Guid By, DateTimeOffset At);

/// <summary>The member changed how they take part.</summary>
public sealed record MemberParticipationUpdated(
    Guid MemberId, string? Union, string? Workplace, IReadOnlyList<string> Interests, string? Availability, Guid By, DateTimeOffset At);

/// <summary>The member changed how the organisation may contact them.</summary>
public sealed record CommunicationPreferencesChanged(Guid MemberId, bool Email, bool Sms, bool Post, Guid By, DateTimeOffset At);

/// <summary>A new regular contribution was pledged.</summary>
public sealed record ContributionPledged(Guid MemberId, Money Contribution, ContributionFrequency Frequency, Guid By, DateTimeOffset At);

/// <summary>
/// The member reached <see cref="ContributionLedger.WarnAfterMonths"/> months of arrears and was warned that they lapse at
/// <see cref="ContributionLedger.LapseAfterMonths"/>; once per arrears episode (until the payments cover another month).
/// <paramref name="ByEmail"/>: whether the warning went by mail (false when mail is off: the warning still shows in the history).
/// </summary>
public sealed record ArrearsWarningIssued(Guid MemberId, int MonthsInArrears, Money Owed, bool ByEmail, DateTimeOffset At);

/// <summary>A contribution payment was recorded (by a treasurer, or by a bank import).</summary>
public sealed record ContributionPaymentRecorded(
    Guid MemberId, Guid PaymentId, Money Amount, DateOnly PaidOn, string? Reference, string Source, Guid By, DateTimeOffset At);

/// <summary>An admin erased the member's personal data on request. Carries no personal data itself.</summary>
public sealed record MemberDataErased(Guid MemberId, Guid By, DateTimeOffset At);
