namespace WorkersPower.Campaigns.Actions;

/// <summary>Rules shared by the action use cases: when an action may take place, and the answer to an unknown id.</summary>
public static class ActionRules
{
    public static readonly UserError NoSuchAction = UserError.NotFound("There is no such action.", "input", "actionId");

    /// <summary>An action starts in the future and ends after it starts, at most 14 days later.</summary>
    public static void Times(TextRules rules, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        if (startsAt <= now) rules.Fail("startsAt", "The start must be in the future.");
        if (endsAt <= startsAt) rules.Fail("endsAt", "The end must be after the start.");
        else if (endsAt - startsAt > TimeSpan.FromDays(14)) rules.Fail("endsAt", "An action lasts at most 14 days.");
    }

    /// <summary>A text that may be left out (null or blank); given, it is one line of at most <paramref name="max"/> characters.</summary>
    public static void OptionalLine(TextRules rules, string field, string? value, int max, string label)
    {
        if (!string.IsNullOrWhiteSpace(value)) rules.Optional(field, value, max, label);
    }
}
