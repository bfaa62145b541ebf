namespace WorkersPower.Membership.Members.Ledger;

/// <summary>
/// The consent ledger's rules, pure: every change of a consent is one <see cref="ConsentChanged"/> entry with its source, and
/// a channel that does not change gets none. The current email/SMS/post state is <see cref="MemberProfile.Communication"/>.
/// </summary>
public static class ConsentRules
{
    /// <summary>The channels that <see cref="CommunicationPreferences"/> holds, in their order.</summary>
    public static readonly ConsentChannel[] PreferenceChannels = [ConsentChannel.Email, ConsentChannel.Sms, ConsentChannel.Post];

    public static bool Of(CommunicationPreferences preferences, ConsentChannel channel) => channel switch
    {
        ConsentChannel.Email => preferences.Email,
        ConsentChannel.Sms => preferences.Sms,
        ConsentChannel.Post => preferences.Post,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Not a communication preference."),
    };

    /// <summary>The preferences after one entry (the join form's consent to contact changes none of them).</summary>
    public static CommunicationPreferences Apply(CommunicationPreferences preferences, ConsentChanged e) => e.Channel switch
    {
        ConsentChannel.Email => preferences with { Email = e.Given },
        ConsentChannel.Sms => preferences with { Sms = e.Given },
        ConsentChannel.Post => preferences with { Post = e.Given },
        _ => preferences,
    };

    /// <summary>One entry for each channel whose consent differs between <paramref name="from"/> and <paramref name="to"/>; none when nothing changes.</summary>
    public static IReadOnlyList<ConsentChanged> Changes(Guid memberId, CommunicationPreferences from, CommunicationPreferences to, ConsentSource source, Guid? by, DateTimeOffset at) =>
        [.. PreferenceChannels.Where(c => Of(from, c) != Of(to, c)).Select(c => new ConsentChanged(memberId, c, Of(to, c), source, by, at))];

    /// <summary>
    /// The join form's entries, recorded at approval at the time of the application (<paramref name="appliedAt"/>): consent to
    /// contact always (the form requires it), and email for a new member (whose email is on from the start). A former member
    /// who rejoins keeps the email, SMS and post choices they made before. Nobody signed in gave them: no account is named.
    /// </summary>
    public static IReadOnlyList<ConsentChanged> FromJoinForm(Guid memberId, bool newMember, DateTimeOffset appliedAt) => newMember
        ? [new(memberId, ConsentChannel.Contact, true, ConsentSource.JoinForm, null, appliedAt), new(memberId, ConsentChannel.Email, true, ConsentSource.JoinForm, null, appliedAt)]
        : [new(memberId, ConsentChannel.Contact, true, ConsentSource.JoinForm, null, appliedAt)];

    /// <summary>The join form's programme acceptance, recorded at approval at the time of the application (none when the application recorded no revision).</summary>
    public static IReadOnlyList<ProgrammeAccepted> ProgrammeFromJoinForm(Guid memberId, AcceptedProgramme? programme, DateTimeOffset appliedAt) => programme is null
        ? []
        : [new(memberId, programme.PageId, programme.Version, ProgrammeAcceptanceSource.JoinForm, programme.VersionShown, null, appliedAt)];

    /// <summary>
    /// The migration of a member who has no ledger yet (<paramref name="ledger"/> null or empty; else nothing, so running it again
    /// adds nothing): one entry per channel, given or not as the member's preferences stand, at the member's last known change
    /// of that channel (<paramref name="changedAt"/>); the join form's consent to contact, given, at <paramref name="joinedAt"/>.
    /// An erased member gets none.
    /// </summary>
    public static IReadOnlyList<ConsentChanged> Migration(MemberProfile member, MemberLedger? ledger, DateTimeOffset joinedAt, Func<ConsentChannel, DateTimeOffset> changedAt)
    {
        if (member.Erased || ledger is { Consents.Count: > 0 }) return [];
        return
        [
            new(member.Id, ConsentChannel.Contact, true, ConsentSource.Migration, null, joinedAt),
            .. PreferenceChannels.Select(c => new ConsentChanged(member.Id, c, Of(member.Communication, c), ConsentSource.Migration, null, changedAt(c))),
        ];
    }
}
