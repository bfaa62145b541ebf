namespace WorkersPower.Decisions.Meetings;

/// <summary>What every meeting mutation answers: the meeting as it is after the command, or why nothing changed.</summary>
public sealed record MeetingPayload(Meeting? Meeting) : Payload
{
    internal static async Task<MeetingPayload> RunAsync(IResolveFieldContext ctx, object command)
    {
        var result = await ctx.InvokeAsync(command, Races);
        if (result.Id is not { } id) return new MeetingPayload((Meeting?)null) { Errors = result.Errors };
        await using var session = ctx.Session();
        return new MeetingPayload(await session.LoadAsync<Meeting>(id, ctx.CancellationToken));
    }

    internal static MeetingPayload Refused(UserError error) => new((Meeting?)null) { Errors = [error] };

    private static readonly RaceAnswers Races = new(
        UserError.Conflict("The meeting changed at the same moment: reload it and try again."),
        UserError.Conflict("The meeting changed at the same moment: reload it and try again."));
}

public sealed class MeetingPayloadType : PayloadType<MeetingPayload>
{
    public MeetingPayloadType() : base("MeetingPayload", "The meeting, or why nothing changed.") =>
        Field<MeetingType>("meeting").Description("The meeting.").Resolve(ctx => ctx.Source.Meeting);
}
