namespace WorkersPower.Decisions.Meetings;

/// <summary>What the meeting use cases share: who is a member of a meeting's scope, the text rules, the refusals.</summary>
public static class MeetingRules
{
    public const int MaxSeconders = 20;
    public const int MaxMotionText = 20_000;

    public const string MayNotRun = "Only the meeting's chair, its convenor, an organiser of its scope or an admin may do this.";

    public static UserError NoSuchMeeting(string field = "meetingId") => UserError.NotFound("There is no such meeting.", "input", field);

    public static readonly UserError Closed = UserError.InvalidState("The meeting is closed.");

    /// <summary>
    /// A member of the scope: in good standing now and, for a branch's meeting, in that branch (as Membership says through
    /// <see cref="IElectorate.StandingAsync"/>; null: not a member).
    /// </summary>
    public static bool InScope(ElectorStanding? standing, Guid? branchId) =>
        standing is { InGoodStanding: true } && (branchId is not { } branch || standing.BranchId == branch);

    /// <summary>A required single line of <paramref name="min"/> to <paramref name="max"/> characters (trimmed).</summary>
    public static void Line(TextRules rules, string field, string? value, int min, int max, string label)
    {
        rules.Required(field, value, max, label);
        if (!string.IsNullOrWhiteSpace(value) && value.Trim().Length < min) rules.Fail(field, $"{label} must be at least {min} characters.");
    }

    /// <summary>A required text (several lines allowed) of at most <paramref name="max"/> characters.</summary>
    public static void Text(TextRules rules, string field, string? value, int max, string label)
    {
        if (string.IsNullOrWhiteSpace(value)) rules.Fail(field, $"{label} is required.");
        else rules.OptionalText(field, value.Trim(), max, label);
    }
}
