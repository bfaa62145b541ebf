using Microsoft.Extensions.Configuration;

namespace WorkersPower.Platform;

/// <summary>
/// The organisation's time zone, <c>Site:TimeZone</c> (an IANA name, default Europe/London): what "a day" means when
/// the platform answers a question about a date (a member's state at the end of that day, who was a member on it).
/// </summary>
public sealed class SiteTimeZone(TimeZoneInfo zone)
{
    public const string Setting = "Site:TimeZone";
    public const string Default = "Europe/London";

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The zone the setting names (the default when unset); an unknown name stops start-up with a message.</summary>
    public static SiteTimeZone From(IConfiguration configuration)
    {
        var name = configuration[Setting];
        if (string.IsNullOrWhiteSpace(name)) name = Default;
        try
        {
            return new SiteTimeZone(TimeZoneInfo.FindSystemTimeZoneById(name.Trim()));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"{Setting} must name a time zone (an IANA name such as Europe/London); '{name}' is not one.", e);
        }
    }

    /// <summary>The first instant of <paramref name="day"/> in this zone (the earlier one when midnight happens twice; the first valid one when it is skipped).</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The last instant of <paramref name="day"/> in this zone: one tick before the next day starts.</summary>
    public DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1)).AddTicks(-1);

    /// <summary>The day <paramref name="instant"/> falls on in this zone.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
}
