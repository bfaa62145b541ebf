namespace WorkersPower.Membership.Applications;

/// <summary>A join application as organisers see it (an inline projection of the application's stream).</summary>
public sealed class MembershipApplication
{
    public Guid Id { get; set; }
    [Marten.Schema.Version]
    public long Version { get; set; }

    /// <summary>The event sequence number of the submission: orders the list and makes cursors stable.</summary>
    public long Sequence { get; set; }

    public ApplicantDetails Applicant { get; set; } = null!;
    public string EmailKey { get; set; } = "";
    public ApplicationStatus Status { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    public string? RejectionReason { get; set; }
    public Guid? MemberId { get; set; }

    /// <summary>
    /// The branch the application belongs to: while pending, the one the applicant chose (null: none chosen);
    /// once approved, the branch approved into; once rejected, the chosen one or the rejecting organiser's.
    /// Organisers see the applications of their branch, and pending ones without a branch.
    /// </summary>
    public Guid? BranchId { get; set; }

    /// <summary>A resigned member's record this application would renew.</summary>
    public Guid? PreviousMemberId { get; set; }

    /// <summary>The programme revision the applicant accepted (null: not recorded, see <see cref="MembershipApplicationSubmitted.Programme"/>).</summary>
    public AcceptedProgramme? Programme { get; set; }

    public static readonly UserError NoSuchApplication = UserError.NotFound("There is no such application.", "input", "applicationId");

    /// <summary>The rule both decisions share: only a pending application can be decided.</summary>
    public static UserError? CheckDecidable(MembershipApplication? application) => application switch
    {
        null => NoSuchApplication,
        { Status: not ApplicationStatus.Pending } => UserError.InvalidState($"This application was already {application.Status.ToString().ToLowerInvariant()}."),
        _ => null,
    };
}

public sealed class MembershipApplicationProjection : SingleStreamProjection<MembershipApplication, Guid>
{
    public static MembershipApplication Create(IEvent<MembershipApplicationSubmitted> e) => FromSubmission(e.Data, e.Sequence);

    public static MembershipApplication FromSubmission(MembershipApplicationSubmitted e, long sequence) => new()
    {
        Id = e.ApplicationId,
        Sequence = sequence,
        Applicant = e.Applicant,
        EmailKey = Emails.Key(e.Applicant.Email),
        Status = ApplicationStatus.Pending,
        SubmittedAt = e.SubmittedAt,
        PreviousMemberId = e.PreviousMemberId,
        BranchId = e.BranchId,
        Programme = e.Programme,
    };

    public static void Apply(MembershipApplicationApproved e, MembershipApplication application)
    {
        application.Status = ApplicationStatus.Approved;
        application.MemberId = e.MemberId;
        application.BranchId = e.BranchId;
        application.DecidedBy = e.DecidedBy;
        application.DecidedAt = e.DecidedAt;
    }

    public static void Apply(MembershipApplicationErased e, MembershipApplication application)
    {
        application.Applicant = Members.EraseMemberHandler.MaskApplicant(application.Applicant);
        application.EmailKey = "";
        if (application.Status == ApplicationStatus.Pending)
        {
            application.Status = ApplicationStatus.Rejected;
            application.DecidedBy = e.By;
            application.DecidedAt = e.At;
            application.RejectionReason = Members.EraseMemberHandler.ErasedText;
        }
        else if (application.RejectionReason is not null)
        {
            application.RejectionReason = Members.EraseMemberHandler.ErasedText;
        }
    }

    public static void Apply(MembershipApplicationRejected e, MembershipApplication application)
    {
        application.Status = ApplicationStatus.Rejected;
        application.RejectionReason = e.Reason;
        application.BranchId = e.BranchId ?? application.BranchId;
        application.DecidedBy = e.DecidedBy;
        application.DecidedAt = e.DecidedAt;
    }
}

/// <summary>
/// Reserves an email for one pending application: its id is made from the normalised email, so a second
/// pending application with the same email cannot be stored, even when both arrive at once.
/// Removed when the application is decided.
/// </summary>
public sealed record PendingApplicationEmail(string Id, Guid ApplicationId)
{
    /// <summary>The reservation's id: a hash of the normalised email, so no email shows in keys or in errors (and logs).</summary>
    public static string IdOf(string emailKey) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(emailKey)));
}
