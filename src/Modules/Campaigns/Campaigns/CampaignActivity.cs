namespace WorkersPower.Campaigns.Campaigns;

/// <summary>
/// A campaign's activity on one UTC day: sign-ups, withdrawals and check-ins across its actions. Built by the
/// async daemon (<see cref="CampaignDayProjection"/>), so it may lag the writes a moment. Only days with at
/// least one of those events have a document.
/// </summary>
public sealed class CampaignDay
{
    /// <summary><c>{campaignId:N}:{yyyy-MM-dd}</c> (see <see cref="IdOf"/>): readable, and the same for every event of the day.</summary>
    public string Id { get; set; } = "";
    public Guid CampaignId { get; set; }
    public DateOnly Day { get; set; }
    public int SignUps { get; set; }
    public int Withdrawals { get; set; }
    public int CheckIns { get; set; }

    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    public static string IdOf(Guid campaignId, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{campaignId:N}:{DayOf(at):yyyy-MM-dd}");
}

/// <summary>
/// The platform's first asynchronous projection: groups the sign-up, withdrawal and check-in events of every
/// action by campaign and UTC day of <c>At</c>. Registered with <c>ProjectionLifecycle.Async</c> under the
/// stable name <see cref="ProjectionName"/> (the daemon's progress row is kept under it).
/// </summary>
public sealed class CampaignDayProjection : MultiStreamProjection<CampaignDay, string>
{
    public const string ProjectionName = "CampaignDay";

    public CampaignDayProjection()
    {
        Name = ProjectionName;
        Identity<SignedUpForAction>(e => CampaignDay.IdOf(e.CampaignId, e.At));
        Identity<WithdrewFromAction>(e => CampaignDay.IdOf(e.CampaignId, e.At));
        Identity<AttendeeCheckedIn>(e => CampaignDay.IdOf(e.CampaignId, e.At));
    }

    public static void Apply(SignedUpForAction e, CampaignDay d)
    {
        Stamp(d, e.CampaignId, e.At);
        d.SignUps++;
    }

    public static void Apply(WithdrewFromAction e, CampaignDay d)
    {
        Stamp(d, e.CampaignId, e.At);
        d.Withdrawals++;
    }

    public static void Apply(AttendeeCheckedIn e, CampaignDay d)
    {
        Stamp(d, e.CampaignId, e.At);
        d.CheckIns++;
    }

    private static void Stamp(CampaignDay d, Guid campaignId, DateTimeOffset at)
    {
        d.Id = CampaignDay.IdOf(campaignId, at);
        d.CampaignId = campaignId;
        d.Day = CampaignDay.DayOf(at);
    }
}
