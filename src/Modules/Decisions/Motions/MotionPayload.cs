namespace WorkersPower.Decisions.Motions;

/// <summary>What every motion mutation answers: the motion as it is after the command, or why nothing changed.</summary>
public sealed record MotionPayload(Motion? Motion) : Payload
{
    internal static async Task<MotionPayload> RunAsync(IResolveFieldContext ctx, object command)
    {
        var result = await ctx.InvokeAsync(command, Races);
        if (result.Id is not { } id) return new MotionPayload((Motion?)null) { Errors = result.Errors };
        await using var session = ctx.Session();
        return new MotionPayload(await session.LoadAsync<Motion>(id, ctx.CancellationToken));
    }

    internal static MotionPayload Refused(UserError error) => new((Motion?)null) { Errors = [error] };

    /// <summary>Many members may second at once: each re-try re-reads the motion, so every seconder counts once.</summary>
    internal static readonly RaceAnswers Races = new(
        UserError.Conflict("The motion changed at the same moment: reload it and try again."),
        UserError.Conflict("The motion changed at the same moment: reload it and try again."), Retries: 8);
}

public sealed class MotionPayloadType : PayloadType<MotionPayload>
{
    public MotionPayloadType() : base("MotionPayload", "The motion, or why nothing changed.") =>
        Field<MotionType>("motion").Description("The motion.").Resolve(ctx => ctx.Source.Motion);
}

/// <summary>What every amendment mutation answers: the amendment as it is after the command, or why nothing changed.</summary>
public sealed record AmendmentPayload(MotionAmendment? Amendment) : Payload
{
    internal static async Task<AmendmentPayload> RunAsync(IResolveFieldContext ctx, object command)
    {
        var result = await ctx.InvokeAsync(command, MotionPayload.Races);
        if (result.Id is not { } id) return new AmendmentPayload((MotionAmendment?)null) { Errors = result.Errors };
        return new AmendmentPayload((await ctx.MotionOfAmendmentAsync(id))?.Amendment(id));
    }

    internal static AmendmentPayload Refused(UserError error) => new((MotionAmendment?)null) { Errors = [error] };
}

public sealed class AmendmentPayloadType : PayloadType<AmendmentPayload>
{
    public AmendmentPayloadType() : base("AmendmentPayload", "The amendment, or why nothing changed.") =>
        Field<AmendmentType>("amendment").Description("The amendment.").Resolve(ctx => ctx.Source.Amendment);
}
