namespace WorkersPower.Decisions.Motions;

/// <summary>submitMotion: a member in good standing of the meeting's scope moves a motion.</summary>
[Description("A new motion.")]
public sealed record SubmitMotionInput(
    [property: Id, Description("The meeting's global id.")] string MeetingId,
    [property: Description("The title, one line of 3 to 200 characters.")] string Title,
    [property: Description("The text (up to 20000 characters; several lines allowed).")] string Text);

public sealed record SubmitMotion(Guid MeetingId, string Title, string Text, Caller Actor)
{
    /// <summary>
    /// The rules: a meeting that exists and is open; the mover (the caller) a member of its scope now
    /// (<paramref name="standing"/>); a title of one line, 3 to 200 characters, and a text of up to 20000. With no seconders
    /// required the motion is SECONDED at once.
    /// </summary>
    public Decision Decide(Meeting? meeting, ElectorStanding? standing, Guid id, DateTimeOffset now)
    {
        if (meeting is null) return Decision.Refuse(MeetingRules.NoSuchMeeting());
        if (Actor.MemberId is not { } mover || !MeetingRules.InScope(standing, meeting.BranchId)) return Decision.Deny(MotionRules.OnlyMembers);
        if (meeting.Status != MeetingStatus.Open) return Decision.Refuse(MeetingRules.Closed);
        var rules = new TextRules();
        MeetingRules.Line(rules, "title", Title, 3, 200, "The title");
        MeetingRules.Text(rules, "text", Text, MeetingRules.MaxMotionText, "The text");
        if (!rules.Ok) return Decision.Refuse(rules.Errors);
        return Decision.Accept(new MotionSubmitted(id, meeting.Id, Title.Trim(), Text.Trim(), mover, meeting.SecondersRequired, now));
    }
}

public static class SubmitMotionHandler
{
    public static async Task<CommandResult> Handle(SubmitMotion command, IDocumentSession session, IElectorate electorate, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var meeting = await session.LoadAsync<Meeting>(command.MeetingId, ct);
        var standing = command.Actor.MemberId is { } me ? await electorate.StandingAsync(me, now, ct) : null;
        var id = Guid.CreateVersion7();
        var decision = command.Decide(meeting, standing, id, now);
        if (decision.Events.Count > 0) session.Events.StartStream<Motion>(id, [.. decision.Events]);
        return decision.ToResult(id);
    }
}

internal sealed class SubmitMotionField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MotionPayloadType, AutoRegisteringInputObjectGraphType<SubmitMotionInput>>("submitMotion",
                "Move a motion at an open meeting (members in good standing of its scope; others FORBIDDEN). It needs the meeting's number of seconders before it can be put to the vote.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<SubmitMotionInput>();
                return GlobalId.TryDecode(input.MeetingId, MeetingType.TypeName) is { } meeting
                    ? await MotionPayload.RunAsync(ctx, new SubmitMotion(meeting, input.Title, input.Text, ctx.Caller()))
                    : MotionPayload.Refused(MeetingRules.NoSuchMeeting());
            });
}
