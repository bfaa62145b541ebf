namespace WorkersPower.Campaigns.Campaigns;

[Description("ACTIVE campaigns are running; CONCLUDED ones are over (and can be reopened).")]
public enum CampaignStatus
{
    Active,
    Concluded,
}

public sealed record CampaignLaunched(Guid CampaignId, string Slug, string Title, string Summary, int? Goal, Guid LaunchedBy, Guid? LauncherMemberId, DateTimeOffset At);
public sealed record CampaignUpdated(Guid CampaignId, string Title, string Summary, int? Goal, Guid By, DateTimeOffset At);
public sealed record CampaignConcluded(Guid CampaignId, Guid By, DateTimeOffset At);
public sealed record CampaignReopened(Guid CampaignId, Guid By, DateTimeOffset At);

/// <summary>An organiser took part in running the campaign (launched it or scheduled one of its actions).</summary>
public sealed record CampaignOrganiserJoined(Guid CampaignId, Guid MemberId, DateTimeOffset At);

/// <summary>A campaign (an inline projection of its stream).</summary>
public sealed class Campaign
{
    public Guid Id { get; set; }
    [Marten.Schema.Version]
    public long Version { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public int? Goal { get; set; }
    public CampaignStatus Status { get; set; }
    public DateTimeOffset LaunchedAt { get; set; }

    /// <summary>Orders lists newest first with stable cursors (milliseconds × 1000 + a counter).</summary>
    public long Sequence { get; set; }

    /// <summary>
    /// The record of who launched it or scheduled one of its actions (members only; it never shrinks). Not who may run
    /// it now: that is whoever holds a CAMPAIGN_ORGANISER grant on it (Membership's, <see cref="ViewerOrganises"/>),
    /// which <c>Campaign.organisers</c> shows. The migration to grants read it once.
    /// </summary>
    public List<Guid> OrganiserMemberIds { get; set; } = [];
}

public sealed class CampaignProjection : SingleStreamProjection<Campaign, Guid>
{
    public static Campaign Create(CampaignLaunched e) => new()
    {
        Id = e.CampaignId,
        Slug = e.Slug,
        Title = e.Title,
        Summary = e.Summary,
        Goal = e.Goal,
        Status = CampaignStatus.Active,
        LaunchedAt = e.At,
        Sequence = Sequences.Next(e.At),
        OrganiserMemberIds = e.LauncherMemberId is { } m ? [m] : [],
    };

    public static void Apply(CampaignUpdated e, Campaign c)
    {
        c.Title = e.Title;
        c.Summary = e.Summary;
        c.Goal = e.Goal;
    }

    public static void Apply(CampaignConcluded _, Campaign c) => c.Status = CampaignStatus.Concluded;

    public static void Apply(CampaignReopened _, Campaign c) => c.Status = CampaignStatus.Active;

    public static void Apply(CampaignOrganiserJoined e, Campaign c)
    {
        if (!c.OrganiserMemberIds.Contains(e.MemberId)) c.OrganiserMemberIds.Add(e.MemberId);
    }
}
