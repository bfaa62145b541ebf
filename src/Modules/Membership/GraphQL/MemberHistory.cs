namespace WorkersPower.Membership.GraphQL;

/// <summary>A member's own events as a connection, newest first, with a sentence for each.</summary>
internal static class MemberHistory
{
    public static async Task<Connection<MemberEvent>> PageAsync(IResolveFieldContext context, MemberProfile member)
    {
        var page = PageRequest.From(context);
        long? before = page.AfterKey is null ? null
            : long.TryParse(page.AfterKey, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
            : throw new ExecutionError("'after' is not a cursor of this list.") { Code = ErrorCodes.BadUserInput };
        if (page.First == 0) return page.ToConnection<MemberEvent>([], e => "", (int)member.Version);

        await using var session = context.Session();
        var query = session.Events.QueryAllRawEvents().Where(e => e.StreamId == member.Id);
        if (before is { } b) query = page.Backward ? query.Where(e => e.Version > b) : query.Where(e => e.Version < b);
        var ordered = page.Backward ? query.OrderBy(e => e.Version) : query.OrderByDescending(e => e.Version);
        var events = await ordered.Take(page.First + 1).ToListAsync(context.CancellationToken);
        var rows = events.Select(Describe).ToList();
        return page.ToConnection(rows, r => r.Version.ToString(CultureInfo.InvariantCulture), (int)member.Version);
    }

    internal static MemberEvent Describe(IEvent e) => e.Data switch
    {
        MembershipStarted s => new("JOINED", e.Timestamp, $"Joined: the application was approved into a branch on {s.StartedAt:yyyy-MM-dd}.", e.Version),
        AccountInvitationIssued i => new("INVITATION_ISSUED", e.Timestamp, $"An invitation to set a password was issued, valid until {i.ExpiresAt:yyyy-MM-dd}.", e.Version),
        AccountActivated => new("ACCOUNT_ACTIVATED", e.Timestamp, "The account was activated with a password.", e.Version),
        MembershipResigned r => new("RESIGNED", e.Timestamp, r.Reason is null ? "Resigned." : $"Resigned: {r.Reason}", e.Version),
        MembershipSuspended su => new("SUSPENDED", e.Timestamp, $"Suspended by an organiser: {su.Reason}", e.Version),
        MembershipReinstated re => new("REINSTATED", e.Timestamp, $"Reinstated by an organiser: {re.Reason}", e.Version),
        MembershipLapsed l => new("LAPSED", e.Timestamp, $"Lapsed: contributions {l.MonthsInArrears} months in arrears.", e.Version),
        MembershipRestored => new("RESTORED", e.Timestamp, "Active again: contributions paid up.", e.Version),
        MembershipRenewed => new("REJOINED", e.Timestamp, "Rejoined: a new application was approved.", e.Version),
        MemberTransferred t => new("TRANSFERRED", e.Timestamp, t.Reason is null ? "Moved to another branch." : $"Moved to another branch: {t.Reason}", e.Version),
        MemberRoleGranted g => new("ROLE_GRANTED", e.Timestamp, $"Granted the {g.Role} role.", e.Version),
        MemberRoleRevoked v => new("ROLE_REVOKED", e.Timestamp, $"The {v.Role} role was revoked.", e.Version),
        MemberProfileUpdated => new("PROFILE_UPDATED", e.Timestamp, "Personal details changed.", e.Version),
        MemberEmailChangeRequested r => new("EMAIL_CHANGE_REQUESTED", e.Timestamp,
            r.Email is null ? "A requested change of email address was withdrawn." : "A change of email address was requested; it waits for confirmation.", e.Version),
        MemberEmailChangeConfirmed => new("EMAIL_CHANGED", e.Timestamp, "The new email address was confirmed from the link mailed to it; it is now the email and sign-in address.", e.Version),
        MemberParticipationUpdated => new("PARTICIPATION_UPDATED", e.Timestamp, "Participation (union, workplace, interests, availability) changed.", e.Version),
        CommunicationPreferencesChanged c => new("COMMUNICATION_PREFERENCES_CHANGED", e.Timestamp,
            $"Communication preferences changed: email {OnOff(c.Email)}, text messages {OnOff(c.Sms)}, post {OnOff(c.Post)}.", e.Version),
        UnsubscribedFromEmail u => Unsubscribed(e, byLink: u.Source == UnsubscribeSource.Link),
        ConsentChanged { Channel: ConsentChannel.Email, Given: false, Source: ConsentSource.UnsubscribeLink or ConsentSource.Profile } c =>
            Unsubscribed(e, byLink: c.Source == ConsentSource.UnsubscribeLink),
        ConsentChanged c => new(c.Given ? "CONSENT_GIVEN" : "CONSENT_WITHDRAWN", e.Timestamp, ConsentLedgerText.Describe(c), e.Version),
        ProgrammeAccepted p => new("PROGRAMME_ACCEPTED", e.Timestamp, $"Accepted version {p.Version} of the programme ({ConsentLedgerText.Words(p.Source)}).", e.Version),
        ArrearsWarningIssued w => new("ARREARS_WARNING_ISSUED", e.Timestamp,
            $"Warned{(w.ByEmail ? " by email" : "")}: contributions {w.MonthsInArrears} months in arrears ({w.Owed.Amount:0.00} {w.Owed.Currency} owed); membership lapses at {ContributionLedger.LapseAfterMonths}.", e.Version),
        ContributionPledged p => new("CONTRIBUTION_PLEDGED", e.Timestamp, $"Pledged {p.Contribution.Amount:0.00} {p.Contribution.Currency} {p.Frequency.ToString().ToLowerInvariant()}.", e.Version),
        ContributionPaymentRecorded pay => new("PAYMENT_RECORDED", e.Timestamp, $"A payment of {pay.Amount.Amount:0.00} {pay.Amount.Currency} made on {pay.PaidOn:yyyy-MM-dd} was recorded.", e.Version),
        MemberDataErased => new("ERASED", e.Timestamp, "Personal data erased on request.", e.Version),
        _ => new(ToConstant(e.EventTypeName), e.Timestamp, "The record changed.", e.Version),
    };

    /// <summary>Email turned off: by the link in a mail, or in the profile (the old event and the consent ledger's entry read alike).</summary>
    private static MemberEvent Unsubscribed(IEvent e, bool byLink) => new("UNSUBSCRIBED_FROM_EMAIL", e.Timestamp, byLink
        ? "Unsubscribed from email with the link in a mail (source: link)."
        : "Turned email off in the profile (source: profile).", e.Version);

    private static string OnOff(bool on) => on ? "on" : "off";

    private static string ToConstant(string name) => name.Replace('-', '_').ToUpperInvariant();
}
