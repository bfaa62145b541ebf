namespace WorkersPower.Decisions.Proxies;

public sealed class ProxyType : ObjectGraphType<MeetingProxy>
{
    public ProxyType()
    {
        Name = "Proxy";
        Description = "A member's authorisation of another to vote for them in one meeting's ballots. Seen by whoever may run the meeting, and by the member who made it when they make it.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The authorisation's id.").Resolve(ctx => GlobalId.Encode("Proxy", ctx.Source.Id));
        Field<NonNullGraphType<ParticipantType>>("grantor").Description("The member who authorised it.").Resolve(ctx => ctx.LoadParticipant(ctx.Source.GrantorMemberId));
        Field<NonNullGraphType<ParticipantType>>("holder").Description("The member who votes for them.").Resolve(ctx => ctx.LoadParticipant(ctx.Source.HolderMemberId));
        Field(x => x.At).Description("When it was authorised.");
    }
}

/// <summary>What authoriseProxy answers: the caller's proxy for the meeting, or why nothing changed.</summary>
public sealed record ProxyPayload(MeetingProxy? Proxy) : Payload
{
    internal static ProxyPayload Refused(UserError error) => new((MeetingProxy?)null) { Errors = [error] };

    internal static readonly RaceAnswers Races = new(
        UserError.Conflict("The meeting changed at the same moment: reload it and try again."),
        UserError.Conflict("The meeting changed at the same moment: reload it and try again."), Retries: 8);
}

public sealed class ProxyPayloadType : PayloadType<ProxyPayload>
{
    public ProxyPayloadType() : base("ProxyPayload", "Your proxy for the meeting, or why nothing changed.") =>
        Field<ProxyType>("proxy").Description("Your authorisation, as it stands.").Resolve(ctx => ctx.Source.Proxy);
}
