namespace WorkersPower.Campaigns.Actions;

/// <summary>recordActionOutcome: one of the campaign's organisers or an admin records what an action achieved (replacing an earlier report).</summary>
[Description("What an action achieved (replaces an earlier report).")]
public sealed record RecordActionOutcomeInput(
    [property: Id, Description("The action's global id.")] string ActionId,
    [property: Description("A report in words (up to 4000 characters).")] string Summary,
    [property: InputType(typeof(ListGraphType<NonNullGraphType<OutcomeCountInputType>>)), Description("Figures such as leaflets, papers sold, signatures (up to 20).")]
    IReadOnlyList<OutcomeCount>? Counts);

public sealed class OutcomeCountInputType : InputObjectGraphType<OutcomeCount>
{
    public OutcomeCountInputType()
    {
        Name = "OutcomeCountInput";
        Description = "One figure of an outcome.";
        Field(x => x.Name).Description("What was counted (1 to 60 characters).");
        Field(x => x.Value).Description("How many (0 or more).");
    }
}

public sealed record RecordActionOutcome(Guid ActionId, string Summary, IReadOnlyList<OutcomeCount> Counts, Caller Actor)
{
    public const int MaxCounts = 20;

    /// <summary>
    /// The rules: only the campaign's organisers and admins (<see cref="ViewerOrganises"/>; others FORBIDDEN); a summary
    /// of up to 4000 characters; up to 20 counts, each named (1 to 60 characters, one line) with a value from 0 to
    /// 10,000,000; then an action that exists (null: none), is not cancelled and has started.
    /// </summary>
    public Decision Decide(CampaignAction? action, DateTimeOffset now)
    {
        if (action is not null && !ViewerOrganises.Of(Actor, action.CampaignId)) return Decision.Deny(ViewerOrganises.Forbidden);
        var errors = new List<UserError>();
        if (string.IsNullOrWhiteSpace(Summary) || Summary.Length > 4000)
            errors.Add(UserError.Validation("input.summary", "The summary is required, up to 4000 characters."));
        else if (!TextInput.IsText(Summary, multiline: true))
            errors.Add(UserError.Validation("input.summary", TextInput.NotText("The summary", multiline: true)));
        if (Counts.Count > MaxCounts) errors.Add(UserError.Validation("input.counts", "At most 20 counts."));
        for (var i = 0; i < Math.Min(MaxCounts, Counts.Count); i++)
        {
            var count = Counts[i];
            if (string.IsNullOrWhiteSpace(count.Name) || count.Name.Trim().Length > 60 || !TextInput.IsText(count.Name))
                errors.Add(UserError.Validation($"input.counts.{i}.name", "A count's name is 1 to 60 characters."));
            if (count.Value is < 0 or > 10_000_000) errors.Add(UserError.Validation($"input.counts.{i}.value", "A count is between 0 and 10000000."));
        }
        if (errors.Count > 0) return Decision.Refuse(errors);
        if (action is null) return Decision.Refuse(ActionRules.NoSuchAction);
        if (action.Status == ActionStatus.Cancelled) return Decision.Refuse(UserError.InvalidState("The action is cancelled."));
        if (action.StartsAt > now) return Decision.Refuse(UserError.InvalidState("The action has not started yet."));
        return Decision.Accept(new ActionOutcomeRecorded(action.Id, action.CampaignId, Summary.Trim(),
            Counts.Select(c => c with { Name = c.Name.Trim() }).ToList(), Actor.AccountId, now));
    }
}

public static class RecordActionOutcomeHandler
{
    public static async Task<CommandResult> Handle(RecordActionOutcome command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (_, decision) = await session.DecideAsync<CampaignAction>(command.ActionId, action => command.Decide(action, clock.GetUtcNow()), ct);
        return decision.ToResult(command.ActionId);
    }
}

internal sealed class RecordActionOutcomeField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<CampaignActionPayloadType, AutoRegisteringInputObjectGraphType<RecordActionOutcomeInput>>("recordActionOutcome", "Record what an action achieved (the campaign's organisers, CAMPAIGN_ORGANISER on it, and admins; others FORBIDDEN).")
            .AuthorizeWithRoles(Roles.Organiser, Roles.CampaignOrganiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<RecordActionOutcomeInput>();
                return await CampaignActionPayload.RunAsync(ctx, input.ActionId, id => new RecordActionOutcome(id, input.Summary, input.Counts ?? [], ctx.Caller()));
            });
}
