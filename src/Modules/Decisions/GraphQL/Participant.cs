namespace WorkersPower.Decisions.GraphQL;

/// <summary>A member as Decisions shows them to the members of a meeting's scope: their id and name, nothing else.</summary>
public sealed record Participant(Guid MemberId, string DisplayName);

public sealed class ParticipantType : ObjectGraphType<Participant>
{
    public ParticipantType()
    {
        Name = "Participant";
        Description = "A member taking part in a decision (a mover, a seconder, a chair, a proxy, a recorded voter): their id and name only.";
        Field<NonNullGraphType<IdGraphType>>("memberId").Description("The member's global id.")
            .Resolve(ctx => GlobalId.Encode("Member", ctx.Source.MemberId));
        Field(x => x.DisplayName).Description("The member's name (\"Erased member\" once their data is erased).");
    }
}
