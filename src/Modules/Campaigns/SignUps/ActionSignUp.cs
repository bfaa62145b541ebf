using JasperFx.Events;

namespace WorkersPower.Campaigns.SignUps;

[Description("A member's part in an action.")]
public enum SignUpStatus
{
    SignedUp,
    Withdrawn,
    Attended,
}

/// <summary>
/// One member's part in one action (signed up, withdrawn or attended): the rows <c>CampaignAction.signUps</c>
/// pages through, so a list of thousands is never read whole. Holds ids, a status and a time, no names.
/// </summary>
public sealed class ActionSignUp
{
    /// <summary>From the action and the member (<see cref="IdOf"/>).</summary>
    public Guid Id { get; set; }
    public Guid ActionId { get; set; }
    public Guid CampaignId { get; set; }
    public Guid MemberId { get; set; }
    public SignUpStatus Status { get; set; }

    /// <summary>When the member signed up (the latest time, after a withdrawal); the check-in time of a walk-in.</summary>
    public DateTimeOffset SignedUpAt { get; set; }

    /// <summary>Orders an action's list oldest first with stable, unique cursors: the time's ticks, then the member id.</summary>
    public string SortKey { get; set; } = "";

    public static Guid IdOf(Guid actionId, Guid memberId)
    {
        Span<byte> bytes = stackalloc byte[33];
        bytes[0] = (byte)'s'; // not the id CampaignParticipant would give the same pair of Guids
        actionId.TryWriteBytes(bytes[1..17]);
        memberId.TryWriteBytes(bytes[17..]);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(bytes, hash);
        return new Guid(hash[..16]);
    }

    public static string SortKeyOf(DateTimeOffset at, Guid memberId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{at.UtcTicks:D20}|{memberId:N}");

    /// <summary>What a member's part in an action is, from the action itself (no query): attendance wins over signed up and withdrawn.</summary>
    public static SignUpStatus? StatusOf(CampaignAction action, Guid memberId) =>
        action.Attended.Contains(memberId) ? SignUpStatus.Attended
        : action.SignedUp.Contains(memberId) ? SignUpStatus.SignedUp
        : action.Withdrawn.Contains(memberId) ? SignUpStatus.Withdrawn
        : null;

    /// <summary>
    /// The entry after one more event (null: none yet, and the event makes none). The rules follow
    /// <see cref="StatusOf"/>: attendance wins over signed up and withdrawn.
    /// </summary>
    public static ActionSignUp? Follow(ActionSignUp? entry, object @event) => @event switch
    {
        SignedUpForAction e when entry is null => New(e.ActionId, e.CampaignId, e.MemberId, SignUpStatus.SignedUp, e.At),
        SignedUpForAction e when entry.Status == SignUpStatus.Withdrawn => Moved(entry, SignUpStatus.SignedUp, e.At),
        WithdrewFromAction when entry is { Status: SignUpStatus.SignedUp } => Moved(entry, SignUpStatus.Withdrawn, entry.SignedUpAt),
        AttendeeCheckedIn e when entry is null => New(e.ActionId, e.CampaignId, e.MemberId, SignUpStatus.Attended, e.At),
        AttendeeCheckedIn when entry.Status != SignUpStatus.Attended => Moved(entry, SignUpStatus.Attended, entry.SignedUpAt),
        _ => entry,
    };

    /// <summary>
    /// The entry after the member signs up, from the action as it was before the sign-up (null: the entry stays as
    /// it is), without loading the entry: <see cref="StatusOf"/> is the stored entry's status (both follow the same
    /// events), and a sign-up's entry holds nothing of the one before it. The same as <see cref="Follow"/> of the
    /// stored entry and the event (<c>SignUpRuleTests</c> compare the two after every order of events).
    /// </summary>
    public static ActionSignUp? AfterSignUp(CampaignAction before, SignedUpForAction e) => StatusOf(before, e.MemberId) switch
    {
        null or SignUpStatus.Withdrawn => New(e.ActionId, e.CampaignId, e.MemberId, SignUpStatus.SignedUp, e.At),
        _ => null,
    };

    private static ActionSignUp New(Guid actionId, Guid campaignId, Guid memberId, SignUpStatus status, DateTimeOffset at) => new()
    {
        Id = IdOf(actionId, memberId),
        ActionId = actionId,
        CampaignId = campaignId,
        MemberId = memberId,
        Status = status,
        SignedUpAt = at,
        SortKey = SortKeyOf(at, memberId),
    };

    private static ActionSignUp Moved(ActionSignUp entry, SignUpStatus status, DateTimeOffset at) => new()
    {
        Id = entry.Id,
        ActionId = entry.ActionId,
        CampaignId = entry.CampaignId,
        MemberId = entry.MemberId,
        Status = status,
        SignedUpAt = at,
        SortKey = SortKeyOf(at, entry.MemberId),
    };
}

/// <summary>
/// Keeps <see cref="ActionSignUp"/> inline, in the same transaction as each sign-up, withdrawal and check-in
/// (a multi-stream projection: one document per action and member). Marten's projection rebuild fills it from
/// the events already stored.
/// </summary>
/// <remarks>
/// Inline, Marten loads the entries an append touches before the commit, in a round trip of its own. The hot path,
/// <see cref="SignUpForActionHandler"/>, spares it: it stores the sign-up's entry itself (<see cref="ActionSignUp.AfterSignUp"/>,
/// from the action it already holds) and marks the event it appends (<see cref="StoredByItsUseCase"/>), which this
/// projection then leaves alone. Only that very instance is marked: events read back from the database (a rebuild,
/// a replay) and sign-ups appended any other way (the benchmark's seeder) are projected here as before, so a rebuild
/// makes the same documents.
/// </remarks>
public sealed class ActionSignUpProjection : MultiStreamProjection<ActionSignUp, Guid>
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SignedUpForAction, object> Stored = new();
    private static readonly object Yes = new();

    /// <summary>
    /// Says that the unit of work appending <paramref name="e"/> also stores its entry (the instance, as appended, is
    /// remembered for as long as it lives). It must hold no other event of the same action and member.
    /// </summary>
    public static void StoredByItsUseCase(SignedUpForAction e) => Stored.AddOrUpdate(e, Yes);

    public ActionSignUpProjection()
    {
        Identities<SignedUpForAction>(e => Stored.TryGetValue(e, out _) ? [] : [ActionSignUp.IdOf(e.ActionId, e.MemberId)]);
        Identity<WithdrewFromAction>(e => ActionSignUp.IdOf(e.ActionId, e.MemberId));
        Identity<AttendeeCheckedIn>(e => ActionSignUp.IdOf(e.ActionId, e.MemberId));
    }

    public override ActionSignUp? Evolve(ActionSignUp? snapshot, Guid id, IEvent e) => ActionSignUp.Follow(snapshot, e.Data);
}
