namespace WorkersPower.Decisions.Meetings;

[Description("The body a meeting is of: a branch meeting, the conference, the national committee, or another body.")]
public enum DecisionBody
{
    BranchMeeting,
    Conference,
    NationalCommittee,
    Other,
}

[Description("OPEN meetings take motions, proxies and ballots; CLOSED ones are over.")]
public enum MeetingStatus
{
    Open,
    Closed,
}

/// <param name="BranchId">The branch whose meeting it is; null: the whole organisation (conference, national committee).</param>
/// <param name="ConvenedBy">The convenor's account.</param>
/// <param name="ConvenorMemberId">The convenor's member record (null for an account without one, the bootstrap admin).</param>
/// <param name="ChairMemberId">Who chairs it: the convenor unless they named another member.</param>
public sealed record MeetingConvened(Guid MeetingId, string Title, DecisionBody Body, Guid? BranchId, DateTimeOffset StartsAt,
    int SecondersRequired, Guid ConvenedBy, Guid? ConvenorMemberId, Guid? ChairMemberId, DateTimeOffset At);

public sealed record ChairNamed(Guid MeetingId, Guid ChairMemberId, Guid By, DateTimeOffset At);

public sealed record MeetingClosed(Guid MeetingId, Guid By, DateTimeOffset At);

/// <summary>A member of the scope authorised another to vote for them in the meeting's ballots (the latest replaces an earlier one).</summary>
public sealed record ProxyAuthorised(Guid MeetingId, Guid ProxyId, Guid GrantorMemberId, Guid HolderMemberId, DateTimeOffset At);

public sealed class MeetingProxy
{
    public Guid Id { get; set; }
    public Guid GrantorMemberId { get; set; }
    public Guid HolderMemberId { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A meeting (an inline projection of its stream): its scope, convenor, chair and proxies.</summary>
public sealed class Meeting
{
    public Guid Id { get; set; }
    [Marten.Schema.Version]
    public long Version { get; set; }
    public string Title { get; set; } = "";
    public DecisionBody Body { get; set; }
    public Guid? BranchId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public int SecondersRequired { get; set; }
    public Guid ConvenedBy { get; set; }
    public Guid? ConvenorMemberId { get; set; }
    public Guid? ChairMemberId { get; set; }
    public MeetingStatus Status { get; set; }
    public DateTimeOffset ConvenedAt { get; set; }

    /// <summary>Orders lists newest first with stable cursors.</summary>
    public long Sequence { get; set; }

    public List<MeetingProxy> Proxies { get; set; } = [];

    /// <summary>
    /// Whether the caller may run the meeting (name its chair, create and open ballots, put motions to the vote, see its
    /// proxies): its chair, its convenor, an organiser of its scope (for the whole organisation: an organisation-wide
    /// organiser) or an admin.
    /// </summary>
    public bool MayBeRunBy(Caller caller) =>
        caller.IsAdmin
        || (caller.MemberId is { } me && (me == ChairMemberId || me == ConvenorMemberId))
        || caller.AccountId == ConvenedBy
        || (BranchId is { } branch ? caller.OrganisesBranch(branch) : caller.OrganisesEveryBranch);

    /// <summary>Whose vote a member may cast in this meeting's ballots: their own, and those of who made them their proxy.</summary>
    public IReadOnlyList<Guid> ProxiesHeldBy(Guid memberId) =>
        Proxies.Where(p => p.HolderMemberId == memberId).Select(p => p.GrantorMemberId).ToList();
}

public sealed class MeetingProjection : SingleStreamProjection<Meeting, Guid>
{
    public static Meeting Create(MeetingConvened e) => new()
    {
        Id = e.MeetingId,
        Title = e.Title,
        Body = e.Body,
        BranchId = e.BranchId,
        StartsAt = e.StartsAt,
        SecondersRequired = e.SecondersRequired,
        ConvenedBy = e.ConvenedBy,
        ConvenorMemberId = e.ConvenorMemberId,
        ChairMemberId = e.ChairMemberId ?? e.ConvenorMemberId,
        Status = MeetingStatus.Open,
        ConvenedAt = e.At,
        Sequence = Sequences.Next(e.At),
    };

    public static void Apply(ChairNamed e, Meeting m) => m.ChairMemberId = e.ChairMemberId;

    public static void Apply(MeetingClosed _, Meeting m) => m.Status = MeetingStatus.Closed;

    public static void Apply(ProxyAuthorised e, Meeting m)
    {
        m.Proxies.RemoveAll(p => p.GrantorMemberId == e.GrantorMemberId);
        m.Proxies.Add(new MeetingProxy { Id = e.ProxyId, GrantorMemberId = e.GrantorMemberId, HolderMemberId = e.HolderMemberId, At = e.At });
    }
}
