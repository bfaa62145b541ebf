namespace WorkersPower.Campaigns.Actions;

[Description("What kind of action.")]
public enum ActionKind
{
    Demonstration,
    Picket,
    Meeting,
    Stall,
    Leafleting,
    Canvass,
    Online,
    Other,
}

[Description("SCHEDULED or CANCELLED.")]
public enum ActionStatus
{
    Scheduled,
    Cancelled,
}

public sealed record OutcomeCount(string Name, int Value);

public sealed record ActionScheduled(
    Guid ActionId, Guid CampaignId, ActionKind Kind, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Location,
    int? Capacity, Guid? BranchId, Guid By, DateTimeOffset At);

public sealed record ActionRescheduled(Guid ActionId, Guid CampaignId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Location, Guid By, DateTimeOffset At);

/// <param name="SignUpsAtCancel">How many were signed up when it was cancelled (the progress counts them out).</param>
public sealed record ActionCancelled(Guid ActionId, Guid CampaignId, string Reason, int SignUpsAtCancel, Guid By, DateTimeOffset At);

public sealed record SignedUpForAction(Guid ActionId, Guid CampaignId, Guid MemberId, DateTimeOffset At);

public sealed record WithdrewFromAction(Guid ActionId, Guid CampaignId, Guid MemberId, string? Reason, DateTimeOffset At);

public sealed record AttendeeCheckedIn(Guid ActionId, Guid CampaignId, Guid MemberId, bool WasSignedUp, Guid By, DateTimeOffset At);

public sealed record ActionOutcomeRecorded(Guid ActionId, Guid CampaignId, string Summary, IReadOnlyList<OutcomeCount> Counts, Guid By, DateTimeOffset At);

public sealed record ActionOutcome(string Summary, IReadOnlyList<OutcomeCount> Counts, DateTimeOffset RecordedAt);

/// <summary>An action (picket, meeting, demonstration, stall...): an inline projection of its stream.</summary>
public sealed class CampaignAction
{
    public Guid Id { get; set; }
    [Marten.Schema.Version]
    public long Version { get; set; }
    public Guid CampaignId { get; set; }
    public ActionKind Kind { get; set; }
    public string Title { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string Location { get; set; } = "";
    public int? Capacity { get; set; }
    public Guid? BranchId { get; set; }
    public ActionStatus Status { get; set; }
    public string? CancelReason { get; set; }
    public List<Guid> SignedUp { get; set; } = [];
    public List<Guid> Withdrawn { get; set; } = [];
    public List<Guid> Attended { get; set; } = [];
    public ActionOutcome? Outcome { get; set; }

    /// <summary>Orders lists by start time, then id (unique, so cursors are stable).</summary>
    public string SortKey { get; set; } = "";

    public int SignUpCount { get; set; }
    public int AttendanceCount { get; set; }

    public int? PlacesLeft => Capacity is { } c ? Math.Max(0, c - SignUpCount) : null;
}

public sealed class CampaignActionProjection : SingleStreamProjection<CampaignAction, Guid>
{
    public static CampaignAction Create(ActionScheduled e) => new()
    {
        Id = e.ActionId,
        CampaignId = e.CampaignId,
        Kind = e.Kind,
        Title = e.Title,
        StartsAt = e.StartsAt,
        EndsAt = e.EndsAt,
        Location = e.Location,
        Capacity = e.Capacity,
        BranchId = e.BranchId,
        Status = ActionStatus.Scheduled,
        SortKey = SortKeyOf(e.StartsAt, e.ActionId),
    };

    public static string SortKeyOf(DateTimeOffset startsAt, Guid id) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{startsAt.UtcTicks:D20}|{id:N}");

    public static void Apply(ActionRescheduled e, CampaignAction a)
    {
        a.StartsAt = e.StartsAt;
        a.EndsAt = e.EndsAt;
        a.Location = e.Location;
        a.SortKey = SortKeyOf(e.StartsAt, a.Id);
    }

    public static void Apply(ActionCancelled e, CampaignAction a)
    {
        a.Status = ActionStatus.Cancelled;
        a.CancelReason = e.Reason;
    }

    public static void Apply(SignedUpForAction e, CampaignAction a)
    {
        if (!a.SignedUp.Contains(e.MemberId)) a.SignedUp.Add(e.MemberId);
        a.Withdrawn.Remove(e.MemberId);
        a.SignUpCount = a.SignedUp.Count;
    }

    public static void Apply(WithdrewFromAction e, CampaignAction a)
    {
        if (a.SignedUp.Remove(e.MemberId) && !a.Withdrawn.Contains(e.MemberId)) a.Withdrawn.Add(e.MemberId);
        a.SignUpCount = a.SignedUp.Count;
    }

    public static void Apply(AttendeeCheckedIn e, CampaignAction a)
    {
        if (!a.Attended.Contains(e.MemberId)) a.Attended.Add(e.MemberId);
        a.AttendanceCount = a.Attended.Count;
    }

    public static void Apply(ActionOutcomeRecorded e, CampaignAction a) => a.Outcome = new ActionOutcome(e.Summary, e.Counts, e.At);
}
