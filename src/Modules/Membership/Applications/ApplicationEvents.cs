namespace WorkersPower.Membership.Applications;

public enum ApplicationStatus
{
    Pending,
    Approved,
    Rejected,
}

public enum ContributionFrequency
{
    Monthly,
    Quarterly,
    Yearly,
}

/// <summary>The details a person gives when they apply to join.</summary>
public sealed record ApplicantDetails(
    string GivenName,
    string FamilyName,
    string Email,
    string? Phone,
    string Postcode,
    string? Union,
    string? Workplace,
    IReadOnlyList<string> Interests,
    string? Message,
    Money Contribution,
    ContributionFrequency ContributionFrequency);

/// <summary>Someone applied to join, accepting the programme and consenting to be contacted.</summary>
/// <param name="PreviousMemberId">The record of a former (resigned) member with this email: approval renews that record.</param>
/// <param name="BranchId">The branch the applicant chose, if any.</param>
/// <param name="Programme">The programme revision the applicant accepted (null: applied before revisions were recorded, or no programme page existed).</param>
public sealed record MembershipApplicationSubmitted(Guid ApplicationId, ApplicantDetails Applicant, DateTimeOffset SubmittedAt, Guid? PreviousMemberId = null, Guid? BranchId = null,
    AcceptedProgramme? Programme = null);

/// <summary>An organiser approved the application: a member record began in the branch.</summary>
public sealed record MembershipApplicationApproved(Guid ApplicationId, Guid MemberId, Guid BranchId, Guid DecidedBy, DateTimeOffset DecidedAt);

/// <summary>An organiser rejected the application, with a reason.</summary>
/// <param name="BranchId">The branch the application belongs to from now on: the one the applicant chose, else the rejecting organiser's (null: admins only).</param>
public sealed record MembershipApplicationRejected(Guid ApplicationId, string Reason, Guid DecidedBy, DateTimeOffset DecidedAt, Guid? BranchId = null);

/// <summary>
/// The applicant's personal data was erased on request (with the member record it led to, or for the same
/// email): the details are masked, and an application still pending is closed as rejected.
/// </summary>
public sealed record MembershipApplicationErased(Guid ApplicationId, Guid By, DateTimeOffset At);
