namespace WorkersPower.Decisions.Motions;

[Description("SUBMITTED: waiting for seconders; SECONDED: may be put to the vote; VOTING: its ballot is defined; CARRIED or FELL: decided by its ballot; WITHDRAWN: by its mover (an amendment: with its motion).")]
public enum MotionStatus
{
    Submitted,
    Seconded,
    Voting,
    Carried,
    Fell,
    Withdrawn,
}

/// <param name="SecondersRequired">The meeting's number of seconders when it was submitted.</param>
public sealed record MotionSubmitted(Guid MotionId, Guid MeetingId, string Title, string Text, Guid MoverMemberId, int SecondersRequired, DateTimeOffset At);

public sealed record MotionSeconded(Guid MotionId, Guid SeconderMemberId, DateTimeOffset At);

public sealed record MotionWithdrawn(Guid MotionId, Guid ByMemberId, DateTimeOffset At);

/// <param name="Text">The motion's whole text as the amendment would make it.</param>
/// <param name="AgainstVersion">The version of the motion's text it was written against.</param>
public sealed record AmendmentSubmitted(Guid MotionId, Guid AmendmentId, int Order, string Text, int AgainstVersion, Guid MoverMemberId,
    int SecondersRequired, DateTimeOffset At);

public sealed record AmendmentSeconded(Guid MotionId, Guid AmendmentId, Guid SeconderMemberId, DateTimeOffset At);

/// <summary>The chair put the motion (AmendmentId null) or one of its amendments to the vote: the ballot that decides it.</summary>
public sealed record MotionPutToVote(Guid MotionId, Guid? AmendmentId, Guid BallotId, DateTimeOffset At);

/// <summary>Its ballot decided the motion (AmendmentId null) or an amendment; a carried amendment makes the motion's next text.</summary>
public sealed record MotionDecided(Guid MotionId, Guid? AmendmentId, Guid BallotId, bool Carried, DateTimeOffset At);

/// <summary>One version of a motion's text: the first as submitted, then one per carried amendment.</summary>
public sealed class MotionTextVersion
{
    public int Version { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public Guid? ByAmendment { get; set; }
}

public sealed class MotionAmendment
{
    public Guid Id { get; set; }
    public Guid MotionId { get; set; }
    public int Order { get; set; }
    public string Text { get; set; } = "";
    public int AgainstVersion { get; set; }
    public Guid MoverMemberId { get; set; }
    public int SecondersRequired { get; set; }
    public List<Guid> Seconders { get; set; } = [];
    public MotionStatus Status { get; set; }
    public Guid? BallotId { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }

    public bool Decided => Status is MotionStatus.Carried or MotionStatus.Fell or MotionStatus.Withdrawn;

    public bool Pending => Status is MotionStatus.Submitted or MotionStatus.Seconded;
}

/// <summary>A motion (an inline projection of its stream) with its amendments and every version of its text.</summary>
public sealed class Motion
{
    public Guid Id { get; set; }
    [Marten.Schema.Version]
    public long Version { get; set; }
    public Guid MeetingId { get; set; }
    public string Title { get; set; } = "";
    public Guid MoverMemberId { get; set; }
    public int SecondersRequired { get; set; }
    public List<Guid> Seconders { get; set; } = [];
    public MotionStatus Status { get; set; }
    public List<MotionTextVersion> Versions { get; set; } = [];
    public List<MotionAmendment> Amendments { get; set; } = [];

    /// <summary>The amendments' ids, for finding a motion by one of them.</summary>
    public List<Guid> AmendmentIds { get; set; } = [];

    public Guid? BallotId { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Orders a meeting's motions in the order submitted.</summary>
    public long Sequence { get; set; }

    public string Text => Versions.Count == 0 ? "" : Versions[^1].Text;

    public int TextVersion => Versions.Count == 0 ? 0 : Versions[^1].Version;

    /// <summary>Neither put to the vote, decided nor withdrawn: it may be seconded and amended.</summary>
    public bool Pending => Status is MotionStatus.Submitted or MotionStatus.Seconded;

    public MotionAmendment? Amendment(Guid id) => Amendments.FirstOrDefault(a => a.Id == id);
}

public sealed class MotionProjection : SingleStreamProjection<Motion, Guid>
{
    public static Motion Create(MotionSubmitted e) => new()
    {
        Id = e.MotionId,
        MeetingId = e.MeetingId,
        Title = e.Title,
        MoverMemberId = e.MoverMemberId,
        SecondersRequired = e.SecondersRequired,
        Status = e.SecondersRequired == 0 ? MotionStatus.Seconded : MotionStatus.Submitted,
        Versions = [new MotionTextVersion { Version = 1, Text = e.Text, At = e.At }],
        SubmittedAt = e.At,
        Sequence = Sequences.Next(e.At),
    };

    public static void Apply(MotionSeconded e, Motion m)
    {
        if (!m.Seconders.Contains(e.SeconderMemberId)) m.Seconders.Add(e.SeconderMemberId);
        if (m.Status == MotionStatus.Submitted && m.Seconders.Count >= m.SecondersRequired) m.Status = MotionStatus.Seconded;
    }

    public static void Apply(MotionWithdrawn _, Motion m)
    {
        m.Status = MotionStatus.Withdrawn;
        foreach (var a in m.Amendments.Where(a => a.Pending)) a.Status = MotionStatus.Withdrawn;
    }

    public static void Apply(AmendmentSubmitted e, Motion m)
    {
        if (m.AmendmentIds.Contains(e.AmendmentId)) return;
        m.AmendmentIds.Add(e.AmendmentId);
        m.Amendments.Add(new MotionAmendment
        {
            Id = e.AmendmentId, MotionId = e.MotionId, Order = e.Order, Text = e.Text, AgainstVersion = e.AgainstVersion,
            MoverMemberId = e.MoverMemberId, SecondersRequired = e.SecondersRequired, SubmittedAt = e.At,
            Status = e.SecondersRequired == 0 ? MotionStatus.Seconded : MotionStatus.Submitted,
        });
    }

    public static void Apply(AmendmentSeconded e, Motion m)
    {
        if (m.Amendment(e.AmendmentId) is not { } a) return;
        if (!a.Seconders.Contains(e.SeconderMemberId)) a.Seconders.Add(e.SeconderMemberId);
        if (a.Status == MotionStatus.Submitted && a.Seconders.Count >= a.SecondersRequired) a.Status = MotionStatus.Seconded;
    }

    public static void Apply(MotionPutToVote e, Motion m)
    {
        if (e.AmendmentId is { } id)
        {
            if (m.Amendment(id) is { } a) (a.Status, a.BallotId) = (MotionStatus.Voting, e.BallotId);
        }
        else (m.Status, m.BallotId) = (MotionStatus.Voting, e.BallotId);
    }

    public static void Apply(MotionDecided e, Motion m)
    {
        var outcome = e.Carried ? MotionStatus.Carried : MotionStatus.Fell;
        if (e.AmendmentId is not { } id)
        {
            m.Status = outcome;
            return;
        }
        if (m.Amendment(id) is not { } a) return;
        a.Status = outcome;
        if (e.Carried && m.Versions.All(v => v.ByAmendment != id))
            m.Versions.Add(new MotionTextVersion { Version = m.TextVersion + 1, Text = a.Text, At = e.At, ByAmendment = id });
    }
}

/// <summary>Finds motions for the handlers.</summary>
public static class MotionLookup
{
    /// <summary>The motion an amendment belongs to (null: no such amendment).</summary>
    public static async Task<Guid?> OfAmendmentAsync(IQuerySession session, Guid amendmentId, CancellationToken ct)
    {
        var ids = await session.Query<Motion>().Where(m => m.AmendmentIds.Contains(amendmentId)).Select(m => m.Id).ToListAsync(ct);
        return ids.Count == 0 ? null : ids[0];
    }
}
