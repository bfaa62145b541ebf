namespace WorkersPower.Membership.Members;

/// <summary>updateMyParticipation: the signed-in member changes how they take part.</summary>
[Description("How the member takes part; omitted fields stay as they are, an empty string clears one.")]
public sealed record UpdateMyParticipationInput(
    [property: Description("Trade union.")] string? Union,
    [property: Description("Workplace.")] string? Workplace,
    [property: Description("Areas of work (replaces the list; up to 20).")] IReadOnlyList<string>? Interests,
    [property: Description("When the member is usually available (up to 500 characters).")] string? Availability);

public sealed record UpdateMyParticipation(Guid MemberId, string? Union, string? Workplace, IReadOnlyList<string>? Interests, string? Availability, Actor Actor)
{
    /// <summary>The rules: texts within their lengths, at most 20 interests; only the member themself. Omitted fields keep their value; an empty string clears one.</summary>
    public Decision Decide(MemberProfile? member, DateTimeOffset now)
    {
        var rules = new TextRules();
        rules.Optional("union", Union, 200, "Union");
        rules.Optional("workplace", Workplace, 200, "Workplace");
        rules.Optional("availability", Availability, 500, "Availability");
        if (Interests is { Count: > ApplyForMembershipHandler.MaxInterests }) rules.Fail("interests", $"At most {ApplyForMembershipHandler.MaxInterests} interests.");
        for (var i = 0; Interests is not null && i < Math.Min(Interests.Count, ApplyForMembershipHandler.MaxInterests); i++)
            rules.Required($"interests.{i}", Interests[i], 60, "An interest");
        if (!rules.Ok) return Decision.Refuse(rules.Errors);
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (!Actor.IsSelf(member)) return MemberRules.NotYours;
        return Decision.Accept(new MemberParticipationUpdated(member.Id,
            Union is null ? member.Union : TextRules.Clean(Union),
            Workplace is null ? member.Workplace : TextRules.Clean(Workplace),
            Interests is null ? member.Interests : Interests.Select(x => x.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Availability is null ? member.Availability : TextRules.Clean(Availability),
            Actor.AccountId, now));
    }

    /// <summary>Personal data stays out of logs.</summary>
    public override string ToString() => nameof(UpdateMyParticipation);
}

public static class UpdateMyParticipationHandler
{
    public static async Task<CommandResult> Handle(UpdateMyParticipation command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (_, decision) = await session.DecideAsync<MemberProfile>(command.MemberId, member => command.Decide(member, clock.GetUtcNow()), ct);
        return decision.ToResult(command.MemberId);
    }
}

internal sealed class UpdateMyParticipationField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MemberPayloadType, AutoRegisteringInputObjectGraphType<UpdateMyParticipationInput>>("updateMyParticipation",
                "Change how you take part: union, workplace, interests, availability. (the signed-in member)", "What to change.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<UpdateMyParticipationInput>();
                var (actor, self) = await ctx.RequireMemberAsync();
                return await MemberPayload.RunAsync(ctx, new UpdateMyParticipation(self, input.Union, input.Workplace, input.Interests, input.Availability, actor));
            });
}
