using Marten;
using Wolverine;
using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Campaigns.Members;
using WorkersPower.Membership.Contracts;
using WorkersPower.Platform;

namespace WorkersPower.Campaigns.Actions;

public sealed record ScheduleAction(Guid CampaignId, ActionKind Kind, string? Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Location, int? Capacity, Guid? BranchId, Caller Actor);
public sealed record RescheduleAction(Guid ActionId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Location, Caller Actor);
public sealed record CancelAction(Guid ActionId, string Reason, Caller Actor);
public sealed record WithdrawFromAction(Guid ActionId, Guid MemberId);
public sealed record CheckInAttendee(Guid ActionId, Guid MemberId, Caller Actor);
public sealed record RecordActionOutcome(Guid ActionId, string Summary, IReadOnlyList<OutcomeCount> Counts, Caller Actor);

/// <summary>Scheduled for 24 hours before an action starts: records a reminder for everyone signed up.</summary>
public sealed record SendActionReminders(Guid ActionId, DateTimeOffset StartsAt);

/// <summary>Tells the members signed up to a cancelled action.</summary>
public sealed record NotifyActionCancelled(Guid ActionId, IReadOnlyList<Guid> MemberIds, string Reason);

public static class ActionHandler
{
    public static readonly TimeSpan ReminderLead = TimeSpan.FromHours(24);
    public const int MaxCapacity = 100_000;

    internal static readonly UserError NoSuchAction = UserError.NotFound("There is no such action.", "input", "actionId");

    internal static List<UserError> ValidateTimes(DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        var errors = new List<UserError>();
        if (startsAt <= now) errors.Add(UserError.Validation("input.startsAt", "The start must be in the future."));
        if (endsAt <= startsAt) errors.Add(UserError.Validation("input.endsAt", "The end must be after the start."));
        else if (endsAt - startsAt > TimeSpan.FromDays(14)) errors.Add(UserError.Validation("input.endsAt", "An action lasts at most 14 days."));
        return errors;
    }

    private static void Text(List<UserError> errors, string field, string? value, int max, string label, bool required)
    {
        var rules = new TextRules();
        if (required) rules.Required(field, value, max, label);
        else if (!string.IsNullOrWhiteSpace(value)) rules.Optional(field, value, max, label);
        errors.AddRange(rules.Errors);
    }

    private static void ScheduleReminder(OutgoingMessages outgoing, Guid actionId, DateTimeOffset startsAt, DateTimeOffset now)
    {
        var at = startsAt - ReminderLead;
        outgoing.Add(new SendActionReminders(actionId, startsAt).ScheduledAt(at < now ? now : at));
    }

    public static async Task<(CommandResult, OutgoingMessages)> Handle(ScheduleAction command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var now = clock.GetUtcNow();
        var errors = ValidateTimes(command.StartsAt, command.EndsAt, now);
        Text(errors, "title", command.Title, 200, "The title", required: false);
        Text(errors, "location", command.Location, 300, "The location", required: true);
        if (command.Capacity is < 1 or > MaxCapacity) errors.Add(UserError.Validation("input.capacity", $"The capacity must be between 1 and {MaxCapacity}."));
        if (errors.Count > 0) return (new CommandResult(null, errors), outgoing);

        var campaign = await session.Events.FetchForWriting<Campaign>(command.CampaignId, ct);
        if (campaign.Aggregate is not { } c) return (CommandResult.Refused(UserError.NotFound("There is no such campaign.", "input", "campaignId")), outgoing);
        if (c.Status != CampaignStatus.Active) return (CommandResult.Refused(UserError.InvalidState("The campaign is concluded: reopen it first.")), outgoing);
        if (command.Actor.MemberId is { } organiser && !c.OrganiserMemberIds.Contains(organiser))
            campaign.AppendOne(new CampaignOrganiserJoined(c.Id, organiser, now));

        var id = Guid.CreateVersion7();
        var title = string.IsNullOrWhiteSpace(command.Title) ? $"{command.Kind} for {c.Title}" : command.Title.Trim();
        session.Events.StartStream<CampaignAction>(id, new ActionScheduled(id, c.Id, command.Kind, title, command.StartsAt, command.EndsAt,
            command.Location.Trim(), command.Capacity, command.BranchId, command.Actor.AccountId, now));
        ScheduleReminder(outgoing, id, command.StartsAt, now);
        outgoing.Add(new CampaignProgressChanged(c.Id));
        return (CommandResult.Ok(id), outgoing);
    }

    public static async Task<(CommandResult, OutgoingMessages)> Handle(RescheduleAction command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var now = clock.GetUtcNow();
        var errors = ValidateTimes(command.StartsAt, command.EndsAt, now);
        Text(errors, "location", command.Location, 300, "The location", required: false);
        if (errors.Count > 0) return (new CommandResult(null, errors), outgoing);
        var stream = await session.Events.FetchForWriting<CampaignAction>(command.ActionId, ct);
        if (stream.Aggregate is not { } a) return (CommandResult.Refused(NoSuchAction), outgoing);
        if (a.Status == ActionStatus.Cancelled) return (CommandResult.Refused(UserError.InvalidState("The action is cancelled.")), outgoing);
        if (a.StartsAt <= now) return (CommandResult.Refused(UserError.InvalidState("The action has started already.")), outgoing);
        stream.AppendOne(new ActionRescheduled(a.Id, a.CampaignId, command.StartsAt, command.EndsAt, command.Location?.Trim() ?? a.Location, command.Actor.AccountId, now));
        ScheduleReminder(outgoing, a.Id, command.StartsAt, now);
        return (CommandResult.Ok(a.Id), outgoing);
    }

    public static async Task<(CommandResult, OutgoingMessages)> Handle(CancelAction command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var errors = new List<UserError>();
        Text(errors, "reason", command.Reason, 1000, "A reason", required: true);
        if (errors.Count > 0) return (new CommandResult(null, errors), outgoing);
        var stream = await session.Events.FetchForWriting<CampaignAction>(command.ActionId, ct);
        if (stream.Aggregate is not { } a) return (CommandResult.Refused(NoSuchAction), outgoing);
        if (a.Status == ActionStatus.Cancelled) return (CommandResult.Refused(UserError.InvalidState("The action is cancelled already.")), outgoing);
        var now = clock.GetUtcNow();
        if (a.EndsAt <= now) return (CommandResult.Refused(UserError.InvalidState("The action is over.")), outgoing);
        stream.AppendOne(new ActionCancelled(a.Id, a.CampaignId, command.Reason.Trim(), a.SignUpCount, command.Actor.AccountId, now));
        if (a.SignedUp.Count > 0) outgoing.Add(new NotifyActionCancelled(a.Id, [.. a.SignedUp], command.Reason.Trim()));
        outgoing.Add(new CampaignProgressChanged(a.CampaignId));
        return (CommandResult.Ok(a.Id), outgoing);
    }

    public static async Task<(CommandResult, CampaignProgressChanged?)> Handle(WithdrawFromAction command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<CampaignAction>(command.ActionId, ct);
        if (stream.Aggregate is not { } a) return (CommandResult.Refused(NoSuchAction), null);
        var now = clock.GetUtcNow();
        if (!a.SignedUp.Contains(command.MemberId)) return (CommandResult.Refused(UserError.InvalidState("You are not signed up for this action.")), null);
        if (a.Status == ActionStatus.Cancelled) return (CommandResult.Refused(UserError.InvalidState("The action is cancelled.")), null);
        if (a.StartsAt <= now) return (CommandResult.Refused(UserError.InvalidState("The action has started.")), null);
        stream.AppendOne(new WithdrewFromAction(a.Id, a.CampaignId, command.MemberId, null, now));
        return (CommandResult.Ok(a.Id), new CampaignProgressChanged(a.CampaignId));
    }

    public const string CheckInForbidden = "Only admins and the campaign's organisers (who launched it or scheduled its actions) check people in.";

    /// <summary>
    /// Whether the actor may check people in at an action of this campaign: admins, and the campaign's organisers
    /// (whoever launched it or scheduled one of its actions) while they hold the ORGANISER role.
    /// </summary>
    public static bool MayCheckIn(Caller actor, Campaign? campaign) =>
        actor.IsAdmin || (actor.Organises && actor.MemberId is { } me && campaign is not null && campaign.OrganiserMemberIds.Contains(me));

    /// <summary>
    /// Whether a campaign organiser may check in this member: one taking part in the campaign (signed up for,
    /// withdrawn from or checked in at one of its actions) or of the organiser's own branch. Anyone else is
    /// answered like an unknown id, so ids cannot be probed for people the organiser may not see. Admins check in anyone.
    /// </summary>
    public static bool MayCheckInMember(Caller actor, CampaignMember? target, bool takesPart, CampaignMember? organiser) =>
        target is { Erased: false } && (actor.IsAdmin || takesPart || (organiser is { Erased: false } && organiser.BranchId == target.BranchId));

    public static async Task<(CommandResult, CampaignProgressChanged?)> Handle(CheckInAttendee command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<CampaignAction>(command.ActionId, ct);
        if (stream.Aggregate is not { } a) return (CommandResult.Refused(NoSuchAction), null);
        if (!MayCheckIn(command.Actor, await session.LoadAsync<Campaign>(a.CampaignId, ct))) return (CommandResult.Deny(CheckInForbidden), null);
        if (a.Status == ActionStatus.Cancelled) return (CommandResult.Refused(UserError.InvalidState("The action is cancelled.")), null);
        var target = await session.LoadAsync<CampaignMember>(command.MemberId, ct);
        var memberId = command.MemberId;
        var takesPart = command.Actor.IsAdmin || target is null || a.SignedUp.Contains(memberId) || a.Withdrawn.Contains(memberId) || a.Attended.Contains(memberId)
            || await session.Query<CampaignAction>().AnyAsync(x => x.CampaignId == a.CampaignId
                && (x.SignedUp.Contains(memberId) || x.Withdrawn.Contains(memberId) || x.Attended.Contains(memberId)), ct);
        var organiser = takesPart || command.Actor.MemberId is not { } me ? null : await session.LoadAsync<CampaignMember>(me, ct);
        if (!MayCheckInMember(command.Actor, target, takesPart, organiser))
            return (CommandResult.Refused(UserError.NotFound("There is no such member.", "input", "memberId")), null);
        if (a.Attended.Contains(command.MemberId)) return (CommandResult.Ok(a.Id), null);
        stream.AppendOne(new AttendeeCheckedIn(a.Id, a.CampaignId, command.MemberId, a.SignedUp.Contains(command.MemberId), command.Actor.AccountId, clock.GetUtcNow()));
        return (CommandResult.Ok(a.Id), new CampaignProgressChanged(a.CampaignId));
    }

    public static async Task<CommandResult> Handle(RecordActionOutcome command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<UserError>();
        if (string.IsNullOrWhiteSpace(command.Summary) || command.Summary.Length > 4000)
            errors.Add(UserError.Validation("input.summary", "The summary is required, up to 4000 characters."));
        else if (!TextInput.IsText(command.Summary, multiline: true))
            errors.Add(UserError.Validation("input.summary", TextInput.NotText("The summary", multiline: true)));
        if (command.Counts.Count > 20) errors.Add(UserError.Validation("input.counts", "At most 20 counts."));
        for (var i = 0; i < Math.Min(20, command.Counts.Count); i++)
        {
            var count = command.Counts[i];
            if (string.IsNullOrWhiteSpace(count.Name) || count.Name.Trim().Length > 60 || !TextInput.IsText(count.Name))
                errors.Add(UserError.Validation($"input.counts.{i}.name", "A count's name is 1 to 60 characters."));
            if (count.Value is < 0 or > 10_000_000) errors.Add(UserError.Validation($"input.counts.{i}.value", "A count is between 0 and 10000000."));
        }
        if (errors.Count > 0) return new CommandResult(null, errors);
        var stream = await session.Events.FetchForWriting<CampaignAction>(command.ActionId, ct);
        if (stream.Aggregate is not { } a) return CommandResult.Refused(NoSuchAction);
        if (a.Status == ActionStatus.Cancelled) return CommandResult.Refused(UserError.InvalidState("The action is cancelled."));
        var now = clock.GetUtcNow();
        if (a.StartsAt > now) return CommandResult.Refused(UserError.InvalidState("The action has not started yet."));
        stream.AppendOne(new ActionOutcomeRecorded(a.Id, a.CampaignId, command.Summary.Trim(),
            command.Counts.Select(c => c with { Name = c.Name.Trim() }).ToList(), command.Actor.AccountId, now));
        return CommandResult.Ok(a.Id);
    }
}
