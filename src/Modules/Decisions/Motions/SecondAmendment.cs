namespace WorkersPower.Decisions.Motions;

/// <summary>secondAmendment: a member of the scope, not its mover, seconds an amendment.</summary>
[Description("The amendment to second.")]
public sealed record SecondAmendmentInput([property: Id, Description("The amendment's global id.")] string AmendmentId);

public sealed record SecondAmendment(Guid AmendmentId, Caller Actor)
{
    /// <summary>The rules: <see cref="MotionRules.Second"/>, for an amendment waiting for the vote on a motion waiting for the vote.</summary>
    public Decision Decide(Motion? motion, Meeting? meeting, ElectorStanding? standing, DateTimeOffset now) =>
        motion?.Amendment(AmendmentId) is not { } amendment
            ? Decision.Refuse(MotionRules.NoSuchAmendment)
            : MotionRules.Second(meeting, standing, Actor, amendment.MoverMemberId, amendment.Seconders, motion.Pending && amendment.Pending,
                me => new AmendmentSeconded(motion.Id, amendment.Id, me, now));
}

public static class SecondAmendmentHandler
{
    public static async Task<CommandResult> Handle(SecondAmendment command, IDocumentSession session, IElectorate electorate, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var motionId = await MotionLookup.OfAmendmentAsync(session, command.AmendmentId, ct);
        if (motionId is null) return CommandResult.Refused(MotionRules.NoSuchAmendment);
        var stream = await session.Events.FetchForWriting<Motion>(motionId.Value, ct);
        var meeting = stream.Aggregate is { } motion ? await session.LoadAsync<Meeting>(motion.MeetingId, ct) : null;
        var standing = command.Actor.MemberId is { } me ? await electorate.StandingAsync(me, now, ct) : null;
        var decision = command.Decide(stream.Aggregate, meeting, standing, now);
        stream.AppendMany(decision.Events);
        return decision.ToResult(command.AmendmentId);
    }
}

internal sealed class SecondAmendmentField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<AmendmentPayloadType, AutoRegisteringInputObjectGraphType<SecondAmendmentInput>>("secondAmendment",
                "Second an amendment that waits for the vote (members in good standing of the meeting's scope other than its mover; others FORBIDDEN). Seconding twice counts once.")
            .Authorize()
            .ResolveAsync(async ctx =>
                GlobalId.TryDecode(ctx.Input<SecondAmendmentInput>().AmendmentId, AmendmentType.TypeName) is { } id
                    ? await AmendmentPayload.RunAsync(ctx, new SecondAmendment(id, ctx.Caller()))
                    : AmendmentPayload.Refused(MotionRules.NoSuchAmendment));
}
