namespace WorkersPower.Decisions.Motions;

/// <summary>withdrawMotion: the mover withdraws their motion before it is put to the vote; its pending amendments fall with it.</summary>
[Description("The motion to withdraw.")]
public sealed record WithdrawMotionInput([property: Id, Description("The motion's global id.")] string MotionId);

public sealed record WithdrawMotion(Guid MotionId, Caller Actor)
{
    /// <summary>The rules: only its mover; not once it is put to the vote or decided; withdrawing twice changes nothing.</summary>
    public Decision Decide(Motion? motion, DateTimeOffset now)
    {
        if (motion is null) return Decision.Refuse(MotionRules.NoSuchMotion);
        if (Actor.MemberId is not { } me || me != motion.MoverMemberId) return Decision.Deny("Only the mover may withdraw a motion.");
        if (motion.Status == MotionStatus.Withdrawn) return Decision.Unchanged;
        if (!motion.Pending) return Decision.Refuse(UserError.InvalidState("The motion has been put to the vote: it can no longer be withdrawn."));
        return Decision.Accept(new MotionWithdrawn(motion.Id, me, now));
    }
}

public static class WithdrawMotionHandler
{
    public static async Task<CommandResult> Handle(WithdrawMotion command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (_, decision) = await session.DecideAsync<Motion>(command.MotionId, motion => command.Decide(motion, clock.GetUtcNow()), ct);
        return decision.ToResult(command.MotionId);
    }
}

internal sealed class WithdrawMotionField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MotionPayloadType, AutoRegisteringInputObjectGraphType<WithdrawMotionInput>>("withdrawMotion",
                "Withdraw a motion before it is put to the vote (its mover only; others FORBIDDEN); its amendments still pending are withdrawn with it.")
            .Authorize()
            .ResolveAsync(async ctx =>
                GlobalId.TryDecode(ctx.Input<WithdrawMotionInput>().MotionId, MotionType.TypeName) is { } id
                    ? await MotionPayload.RunAsync(ctx, new WithdrawMotion(id, ctx.Caller()))
                    : MotionPayload.Refused(MotionRules.NoSuchMotion));
}
