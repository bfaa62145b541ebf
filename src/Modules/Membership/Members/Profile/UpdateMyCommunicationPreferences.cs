namespace WorkersPower.Membership.Members;

/// <summary>updateMyCommunicationPreferences: the signed-in member chooses how the organisation may contact them.</summary>
[Description("How the organisation may contact the member.")]
public sealed record UpdateMyCommunicationPreferencesInput(
    [property: Description("Updates by email.")] bool Email,
    [property: Description("Text messages.")] bool Sms,
    [property: Description("Letters by post.")] bool Post);

public sealed record UpdateMyCommunicationPreferences(Guid MemberId, bool Email, bool Sms, bool Post, Actor Actor)
{
    /// <summary>
    /// The rule: only the member themself. Each channel that changes is one entry of the consent ledger
    /// (<see cref="ConsentChanged"/>, source PROFILE, by the member's account); nothing changes, nothing is recorded.
    /// </summary>
    public Decision Decide(MemberProfile? member, DateTimeOffset now)
    {
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (!Actor.IsSelf(member)) return MemberRules.NotYours;
        var changes = ConsentRules.Changes(member.Id, member.Communication, new CommunicationPreferences(Email, Sms, Post), ConsentSource.Profile, Actor.AccountId, now);
        return changes.Count == 0 ? Decision.Unchanged : Decision.Accept([.. changes]);
    }
}

public static class UpdateMyCommunicationPreferencesHandler
{
    public static async Task<CommandResult> Handle(UpdateMyCommunicationPreferences command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (_, decision) = await session.DecideAsync<MemberProfile>(command.MemberId, member => command.Decide(member, clock.GetUtcNow()), ct);
        return decision.ToResult(command.MemberId);
    }
}

internal sealed class UpdateMyCommunicationPreferencesField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MemberPayloadType, AutoRegisteringInputObjectGraphType<UpdateMyCommunicationPreferencesInput>>("updateMyCommunicationPreferences",
                "Choose how the organisation may contact you. (the signed-in member)", "What to change.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<UpdateMyCommunicationPreferencesInput>();
                var (actor, self) = await ctx.RequireMemberAsync();
                return await MemberPayload.RunAsync(ctx, new UpdateMyCommunicationPreferences(self, input.Email, input.Sms, input.Post, actor));
            });
}
