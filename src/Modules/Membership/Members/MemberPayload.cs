namespace WorkersPower.Membership.Members;

/// <summary>What every change to a member answers: the member as the change left them, or why nothing changed.</summary>
public sealed record MemberPayload(MemberProfile? Member, string? Message = null) : Payload
{
    public static MemberPayload NoSuchMember => new((MemberProfile?)null) { Errors = [MemberRules.NoSuchMember] };

    /// <summary>
    /// Runs a command on a member and answers the member as it left them. A concurrent change of the record is
    /// answered as a conflict; an email taken at the same moment as ALREADY_EXISTS; a member outside the
    /// caller's scope as FORBIDDEN.
    /// </summary>
    public static async Task<MemberPayload> RunAsync(IResolveFieldContext ctx, object command)
    {
        var result = await ctx.InvokeAsync(command, Races);
        if (result.Errors.Count > 0 || result.Id is not { } id) return new MemberPayload((MemberProfile?)null) { Errors = result.Errors };
        await using var session = ctx.Session();
        return new MemberPayload(await session.LoadAsync<MemberProfile>(id, ctx.CancellationToken), result.Message);
    }

    /// <summary>As <see cref="RunAsync(IResolveFieldContext, object)"/> for the member the input names by global id (NOT_FOUND when it names none).</summary>
    public static async Task<MemberPayload> RunAsync(IResolveFieldContext ctx, string memberId, Func<Guid, Actor, object> command)
    {
        var actor = await ctx.RequireActorAsync();
        return GlobalId.TryDecode(memberId, MemberType.TypeName) is { } id ? await RunAsync(ctx, command(id, actor)) : NoSuchMember;
    }

    internal static readonly RaceAnswers Races = new(
        UserError.Conflict("The member's record changed at the same moment: reload it and try again."),
        UserError.AlreadyExists("Another account uses this email.", "input", "email"));
}

public sealed class MemberPayloadType : PayloadType<MemberPayload>
{
    public MemberPayloadType() : base("MemberPayload", "The member as the change left them, or why nothing changed.")
    {
        Field<MemberType>("member").Description("The member.").Resolve(ctx => ctx.Source.Member);
        Field<StringGraphType>("message").Description("Something to tell the caller about a change that succeeded, e.g. that a new email address waits for confirmation.")
            .Resolve(ctx => ctx.Source.Message);
    }
}
