namespace WorkersPower.Decisions.Motions;

/// <summary>submitAmendment: a member of the scope proposes an amendment to a motion that waits for the vote.</summary>
[Description("A new amendment.")]
public sealed record SubmitAmendmentInput(
    [property: Id, Description("The motion's global id.")] string MotionId,
    [property: Description("The motion's whole text as amended (up to 20000 characters).")] string Text);

public sealed record SubmitAmendment(Guid MotionId, string Text, Caller Actor)
{
    /// <summary>
    /// The rules: a motion that exists and waits for the vote (SUBMITTED or SECONDED) in an open meeting; the mover (the
    /// caller) a member of its scope now; a text that changes the motion's current text. Amendments are numbered in the
    /// order submitted.
    /// </summary>
    public Decision Decide(Motion? motion, Meeting? meeting, ElectorStanding? standing, Guid id, DateTimeOffset now)
    {
        if (motion is null) return Decision.Refuse(MotionRules.NoSuchMotion);
        if (Actor.MemberId is not { } mover || meeting is null || !MeetingRules.InScope(standing, meeting.BranchId)) return Decision.Deny(MotionRules.OnlyMembers);
        if (meeting.Status != MeetingStatus.Open) return Decision.Refuse(MeetingRules.Closed);
        if (!motion.Pending) return Decision.Refuse(MotionRules.NotPending);
        var rules = new TextRules();
        MeetingRules.Text(rules, "text", Text, MeetingRules.MaxMotionText, "The text");
        if (rules.Ok && Text.Trim() == motion.Text) rules.Fail("text", "The amendment must change the motion's text.");
        if (!rules.Ok) return Decision.Refuse(rules.Errors);
        return Decision.Accept(new AmendmentSubmitted(motion.Id, id, motion.Amendments.Count + 1, Text.Trim(), motion.TextVersion, mover,
            meeting.SecondersRequired, now));
    }
}

public static class SubmitAmendmentHandler
{
    public static async Task<CommandResult> Handle(SubmitAmendment command, IDocumentSession session, IElectorate electorate, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stream = await session.Events.FetchForWriting<Motion>(command.MotionId, ct);
        var meeting = stream.Aggregate is { } motion ? await session.LoadAsync<Meeting>(motion.MeetingId, ct) : null;
        var standing = command.Actor.MemberId is { } me ? await electorate.StandingAsync(me, now, ct) : null;
        var id = Guid.CreateVersion7();
        var decision = command.Decide(stream.Aggregate, meeting, standing, id, now);
        stream.AppendMany(decision.Events);
        return decision.ToResult(id);
    }
}

internal sealed class SubmitAmendmentField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<AmendmentPayloadType, AutoRegisteringInputObjectGraphType<SubmitAmendmentInput>>("submitAmendment",
                "Propose an amendment to a motion not yet put to the vote (members in good standing of the meeting's scope; others FORBIDDEN): the motion's whole text as amended. " +
                "It needs the meeting's number of seconders; the chair puts amendments to the vote in the order submitted.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<SubmitAmendmentInput>();
                return GlobalId.TryDecode(input.MotionId, MotionType.TypeName) is { } motion
                    ? await AmendmentPayload.RunAsync(ctx, new SubmitAmendment(motion, input.Text, ctx.Caller()))
                    : AmendmentPayload.Refused(MotionRules.NoSuchMotion);
            });
}
