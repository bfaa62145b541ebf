namespace WorkersPower.Membership.Members;

/// <summary>A member as the platform shows them (an inline projection of the member's stream).</summary>
public sealed class MemberProfile
{
    public Guid Id { get; set; }
    [Marten.Schema.Version]
    public long Version { get; set; }
    public Guid ApplicationId { get; set; }
    public List<Guid> ApplicationIds { get; set; } = [];
    public Guid BranchId { get; set; }
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string Email { get; set; } = "";

    /// <summary>A new email the member asked for, not yet confirmed (the member alone reads it).</summary>
    public string? PendingEmail { get; set; }

    /// <summary>The normalised email (lower case), unique among members.</summary>
    public string EmailKey { get; set; } = "";
    public string? Phone { get; set; }
    public string Postcode { get; set; } = "";
    public MembershipStatus Status { get; set; }
    public DateOnly JoinedOn { get; set; }
    public string? Union { get; set; }
    public string? Workplace { get; set; }
    public List<string> Interests { get; set; } = [];
    public string? Availability { get; set; }
    public Money? Contribution { get; set; }
    public ContributionFrequency? ContributionFrequency { get; set; }
    public bool AccountActive { get; set; }
    public CommunicationPreferences Communication { get; set; } = new(true, false, false);

    /// <summary>Whether mail that needs consent (reminders, organisers' messages) may go to this member: they kept email on, have an address and have not resigned or been erased.</summary>
    public bool AcceptsEmail => !Erased && Communication.Email && Email.Length > 0 && Status != MembershipStatus.Resigned;

    /// <summary>What the member owes and has paid; see <see cref="ContributionLedger"/>.</summary>
    public ContributionLedger Ledger { get; set; } = new();

    /// <summary>First day of the first month not covered by payments (duplicated for the arrears filter).</summary>
    public DateOnly CoveredUntil { get; set; }

    /// <summary>The <see cref="CoveredUntil"/> of the arrears episode the member was last warned of (<see cref="ArrearsWarningIssued"/>), if any.</summary>
    public DateOnly? ArrearsWarnedFor { get; set; }

    /// <summary>Lower-case name and email, for the organisers' search.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>Orders member lists by family name, given name, then id (unique, so cursors are stable).</summary>
    public string SortKey { get; set; } = "";

    public bool Erased { get; set; }
    public string? StatusReason { get; set; }
    public DateTimeOffset? StatusChangedAt { get; set; }

    public string DisplayName => $"{GivenName} {FamilyName}";

    internal void Refresh()
    {
        CoveredUntil = Ledger.CoveredUntil();
        SearchText = Erased ? "" : $"{GivenName} {FamilyName} {Email}".ToLowerInvariant();
        EmailKey = Erased ? "" : Emails.Key(Email);
        SortKey = $"{FamilyName.ToLowerInvariant()} {GivenName.ToLowerInvariant()} {Id:N}";
    }
}

public sealed record CommunicationPreferences(bool Email, bool Sms, bool Post);

public sealed class MemberProfileProjection : SingleStreamProjection<MemberProfile, Guid>
{
    public static MemberProfile Create(MembershipStarted e)
    {
        var member = new MemberProfile
        {
            Id = e.MemberId,
            ApplicationId = e.ApplicationId,
            ApplicationIds = [e.ApplicationId],
            BranchId = e.BranchId,
            GivenName = e.GivenName,
            FamilyName = e.FamilyName,
            Email = e.Email,
            Phone = e.Phone,
            Postcode = e.Postcode,
            Status = MembershipStatus.Active,
            JoinedOn = DateOnly.FromDateTime(e.StartedAt.UtcDateTime),
            Union = e.Union,
            Workplace = e.Workplace,
            Interests = [.. e.Interests],
            Contribution = e.Contribution,
            ContributionFrequency = e.ContributionFrequency,
        };
        member.Ledger.Pledge(e.Contribution, e.ContributionFrequency, DateOnly.FromDateTime(e.StartedAt.UtcDateTime));
        member.Refresh();
        return member;
    }

    public static void Apply(AccountActivated _, MemberProfile member) => member.AccountActive = true;

    public static void Apply(MembershipResigned e, MemberProfile m) => SetStatus(m, MembershipStatus.Resigned, e.Reason, e.At);

    public static void Apply(MembershipSuspended e, MemberProfile m) => SetStatus(m, MembershipStatus.Suspended, e.Reason, e.At);

    public static void Apply(MembershipReinstated e, MemberProfile m) => SetStatus(m, MembershipStatus.Active, e.Reason, e.At);

    public static void Apply(MembershipLapsed e, MemberProfile m) =>
        SetStatus(m, MembershipStatus.Lapsed, $"Contributions {e.MonthsInArrears} months in arrears.", e.At);

    public static void Apply(MembershipRestored e, MemberProfile m) => SetStatus(m, MembershipStatus.Active, "Contributions paid up.", e.At);

    public static void Apply(MembershipRenewed e, MemberProfile m)
    {
        m.ApplicationId = e.ApplicationId;
        m.ApplicationIds.Add(e.ApplicationId);
        m.BranchId = e.BranchId;
        m.GivenName = e.GivenName;
        m.FamilyName = e.FamilyName;
        m.Email = e.Email;
        m.Phone = e.Phone;
        m.Postcode = e.Postcode;
        m.Contribution = e.Contribution;
        m.ContributionFrequency = e.ContributionFrequency;
        var on = DateOnly.FromDateTime(e.At.UtcDateTime);
        m.Ledger = new ContributionLedger();
        m.ArrearsWarnedFor = null;
        m.Ledger.Pledge(e.Contribution, e.ContributionFrequency, on);
        SetStatus(m, MembershipStatus.Active, "Rejoined.", e.At);
        m.Refresh();
    }

    public static void Apply(MemberTransferred e, MemberProfile m) => m.BranchId = e.ToBranchId;

    public static void Apply(MemberProfileUpdated e, MemberProfile m)
    {
        m.GivenName = e.GivenName ?? m.GivenName;
        m.FamilyName = e.FamilyName ?? m.FamilyName;
        m.Email = e.Email ?? m.Email;
        m.Phone = e.PhoneCleared ? null : e.Phone ?? m.Phone;
        m.Postcode = e.Postcode ?? m.Postcode;
        m.Refresh();
    }

    public static void Apply(MemberEmailChangeRequested e, MemberProfile m) => m.PendingEmail = e.Email;

    public static void Apply(MemberEmailChangeConfirmed e, MemberProfile m)
    {
        m.Email = e.Email;
        m.PendingEmail = null;
        m.Refresh();
    }

    public static void Apply(MemberParticipationUpdated e, MemberProfile m)
    {
        m.Union = e.Union;
        m.Workplace = e.Workplace;
        m.Interests = [.. e.Interests];
        m.Availability = e.Availability;
    }

    public static void Apply(CommunicationPreferencesChanged e, MemberProfile m) => m.Communication = new(e.Email, e.Sms, e.Post);

    public static void Apply(UnsubscribedFromEmail _, MemberProfile m) => m.Communication = m.Communication with { Email = false };

    public static void Apply(Ledger.ConsentChanged e, MemberProfile m) => m.Communication = Ledger.ConsentRules.Apply(m.Communication, e);

    public static void Apply(ArrearsWarningIssued _, MemberProfile m) => m.ArrearsWarnedFor = m.CoveredUntil;

    public static void Apply(ContributionPledged e, MemberProfile m)
    {
        m.Contribution = e.Contribution;
        m.ContributionFrequency = e.Frequency;
        m.Ledger.Pledge(e.Contribution, e.Frequency, DateOnly.FromDateTime(e.At.UtcDateTime));
        m.Refresh();
    }

    public static void Apply(ContributionPaymentRecorded e, MemberProfile m)
    {
        m.Ledger.Pay(e.Amount.Amount);
        m.Refresh();
    }

    public static void Apply(MemberDataErased e, MemberProfile m)
    {
        m.Erased = true;
        m.GivenName = "Erased";
        m.FamilyName = "member";
        m.Email = "";
        m.PendingEmail = null;
        m.Phone = null;
        m.Postcode = "";
        m.Union = null;
        m.Workplace = null;
        m.Interests = [];
        m.Availability = null;
        m.StatusReason = null;
        m.AccountActive = false;
        m.Refresh();
    }

    private static void SetStatus(MemberProfile m, MembershipStatus status, string? reason, DateTimeOffset at)
    {
        m.Status = status;
        m.StatusReason = reason;
        m.StatusChangedAt = at;
    }
}
