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
public sealed class ActionSignUpProjection : MultiStreamProjection<ActionSignUp, Guid>
{
    public ActionSignUpProjection()
    {
        Identity<SignedUpForAction>(e => ActionSignUp.IdOf(e.ActionId, e.MemberId));
        Identity<WithdrewFromAction>(e => ActionSignUp.IdOf(e.ActionId, e.MemberId));
        Identity<AttendeeCheckedIn>(e => ActionSignUp.IdOf(e.ActionId, e.MemberId));
    }

    public override ActionSignUp? Evolve(ActionSignUp? snapshot, Guid id, IEvent e) => ActionSignUp.Follow(snapshot, e.Data);
}
