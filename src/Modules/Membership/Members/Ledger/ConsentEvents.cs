namespace WorkersPower.Membership.Members.Ledger;

/// <summary>What a member may consent to.</summary>
[Description("What a member may consent to: CONTACT (the join form's consent to store the details and contact about the membership), EMAIL, SMS, POST.")]
public enum ConsentChannel
{
    /// <summary>The join form's consent: the organisation stores the member's details and contacts them about their membership.</summary>
    [Description("The join form's consent: the organisation stores the member's details and contacts them about their membership.")]
    Contact,

    /// <summary>Updates by email (reminders, organisers' messages): the mail that needs consent.</summary>
    [Description("Updates by email (reminders, organisers' messages): the mail that needs consent.")]
    Email,

    /// <summary>Text messages.</summary>
    [Description("Text messages.")]
    Sms,

    /// <summary>Letters by post.</summary>
    [Description("Letters by post.")]
    Post,
}

/// <summary>Where a consent was given or withdrawn.</summary>
[Description("Where a consent was given or withdrawn.")]
public enum ConsentSource
{
    /// <summary>The join form (applyForMembership), recorded when the application was approved, at the time of the application.</summary>
    [Description("The join form (applyForMembership), recorded when the application was approved, at the time of the application.")]
    JoinForm,

    /// <summary>The member's own communication preferences (updateMyCommunicationPreferences), signed in.</summary>
    [Description("The member's own communication preferences (updateMyCommunicationPreferences), signed in.")]
    Profile,

    /// <summary>The signed unsubscribe link of a mail (the page, or a mail program's one-click unsubscribe), without signing in.</summary>
    [Description("The signed unsubscribe link of a mail (the page, or a mail program's one-click unsubscribe), without signing in.")]
    UnsubscribeLink,

    /// <summary>Imported from the preferences a member held before the ledger existed (one entry per channel, at the member's last known change).</summary>
    [Description("Imported from the preferences a member held before the ledger existed (one entry per channel, at the member's last known change).")]
    Migration,
}

/// <summary>
/// A consent was given (<paramref name="Given"/> true) or withdrawn, on one channel, from a source, at <paramref name="At"/>
/// (for the join form: the time of the application). <paramref name="By"/>: the account that acted (the member's own,
/// or the approving organiser's for the join form's entries), null when nobody signed in (an unsubscribe link, a migration).
/// </summary>
public sealed record ConsentChanged(Guid MemberId, ConsentChannel Channel, bool Given, ConsentSource Source, Guid? By, DateTimeOffset At);

/// <summary>Where a programme acceptance was made.</summary>
[Description("Where the programme was accepted.")]
public enum ProgrammeAcceptanceSource
{
    /// <summary>The join form: the applicant accepted the programme when applying (recorded at approval, at the time of the application).</summary>
    [Description("The join form: the applicant accepted the programme when applying (recorded at approval, at the time of the application).")]
    JoinForm,

    /// <summary>The member accepted a (new) version of the programme (acceptProgramme).</summary>
    [Description("The member accepted a (new) version of the programme (acceptProgramme).")]
    Member,
}

/// <summary>
/// The member accepted revision <paramref name="Version"/> of the programme page <paramref name="PageId"/>.
/// <paramref name="VersionShown"/>: the version was named by the form or the member (false: an older client named none and
/// the version current at submission was recorded).
/// </summary>
public sealed record ProgrammeAccepted(Guid MemberId, Guid PageId, int Version, ProgrammeAcceptanceSource Source, bool VersionShown, Guid? By, DateTimeOffset At);
