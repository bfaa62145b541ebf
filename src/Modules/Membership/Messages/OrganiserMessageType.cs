namespace WorkersPower.Membership.Messages;

/// <summary>The record of an organisers' message, as admins (every one) and its sender read it.</summary>
public sealed class OrganiserMessageType : ObjectGraphType<OrganiserMessage>
{
    public const string TypeName = "OrganiserMessage";

    public OrganiserMessageType()
    {
        Name = TypeName;
        Description = "An organisers' message as recorded when it was sent: who, when, to which segment, to how many, and what it said. Names no recipient.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The message's global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field(x => x.SentAt).Description("When it was sent (its mails went out from then on).");
        Field<MemberType>("sentBy").Description("The sender's member record; null for an operator account without one, and once the sender's data was erased.")
            .Resolve(ctx => ctx.Source.SenderMemberId is { } id ? ctx.LoadMember(id) : null);
        Field<IdGraphType>("senderAccountId").Description("The sender's account id; null once the sender's data was erased.")
            .Resolve(ctx => ctx.Source.SenderAccountId?.ToString("N"));
        Field<NonNullGraphType<BooleanGraphType>>("senderErased").Description("True once the sender's data was erased: the message stays, without them, and their names and addresses are masked in its text.")
            .Resolve(ctx => ctx.Source.SenderErased);
        Field(x => x.SignedAs).Description("How the mail named the sender after the organisation's name: the organiser's branch, or \"organisers\".");
        Field(x => x.Segment).Description("To whom, in words (no personal data), e.g. \"Members of North London, in arrears\".");
        Field(x => x.RecipientCount).Description("How many members it went to: those in the segment who accepted email when it was sent.");
        Field(x => x.Subject).Description("The subject.");
        Field(x => x.Body).Description("The text, as sent.");
    }
}
