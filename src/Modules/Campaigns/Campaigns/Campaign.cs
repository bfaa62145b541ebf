using System.Globalization;
using System.Text;
using Marten.Events.Aggregation;

namespace WorkersPower.Campaigns.Campaigns;

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

/// <summary>Slugs: lower-case ASCII letters, digits and single hyphens, made from a title when none is given.</summary>
public static class Slugs
{
    public const int MaxLength = 80;

    public static string FromTitle(string title)
    {
        var normalized = title.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var ch in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            var c = char.ToLowerInvariant(ch);
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9')) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            if (sb.Length >= MaxLength) break;
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "campaign" : slug;
    }

    public static bool IsValid(string slug) =>
        slug.Length is > 0 and <= MaxLength && slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal);
}

public static class Sequences
{
    private static int counter;

    /// <summary>A number that orders by time and is unique within a process (milliseconds × 1000 + a counter).</summary>
    public static long Next(DateTimeOffset at) => at.ToUnixTimeMilliseconds() * 1000 + (Interlocked.Increment(ref counter) & 0x3FF) % 1000;
}
