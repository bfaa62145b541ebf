namespace WorkersPower.Decisions.Motions;

/// <summary>secondMotion: a member of the scope, not the mover, seconds a motion.</summary>
[Description("The motion to second.")]
public sealed record SecondMotionInput([property: Id, Description("The motion's global id.")] string MotionId);

public sealed record SecondMotion(Guid MotionId, Caller Actor)
{
    /// <summary>The rules: <see cref="MotionRules.Second"/>; the motion becomes SECONDED once it has the meeting's number of seconders.</summary>
    public Decision Decide(Motion? motion, Meeting? meeting, ElectorStanding? standing, DateTimeOffset now) =>
        motion is null
            ? Decision.Refuse(MotionRules.NoSuchMotion)
            : MotionRules.Second(meeting, standing, Actor, motion.MoverMemberId, motion.Seconders, motion.Pending, me => new MotionSeconded(motion.Id, me, now));
}

public static class SecondMotionHandler
{
    public static async Task<CommandResult> Handle(SecondMotion command, IDocumentSession session, IElectorate electorate, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stream = await session.Events.FetchForWriting<Motion>(command.MotionId, ct);
        var meeting = stream.Aggregate is { } motion ? await session.LoadAsync<Meeting>(motion.MeetingId, ct) : null;
        var standing = command.Actor.MemberId is { } me ? await electorate.StandingAsync(me, now, ct) : null;
        var decision = command.Decide(stream.Aggregate, meeting, standing, now);
        stream.AppendMany(decision.Events);
        return decision.ToResult(command.MotionId);
    }
}

internal sealed class SecondMotionField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MotionPayloadType, AutoRegisteringInputObjectGraphType<SecondMotionInput>>("secondMotion",
                "Second a motion that waits for the vote (members in good standing of the meeting's scope other than its mover; others FORBIDDEN). Seconding twice counts once.")
            .Authorize()
            .ResolveAsync(async ctx =>
                GlobalId.TryDecode(ctx.Input<SecondMotionInput>().MotionId, MotionType.TypeName) is { } id
                    ? await MotionPayload.RunAsync(ctx, new SecondMotion(id, ctx.Caller()))
                    : MotionPayload.Refused(MotionRules.NoSuchMotion));
}
