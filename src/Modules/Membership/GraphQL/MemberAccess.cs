namespace WorkersPower.Membership.GraphQL;

/// <summary>The caller as an <see cref="Actor"/>, made once per request (a scoped service).</summary>
internal sealed class RequestActor(TimeProvider clock)
{
    private readonly Lock gate = new();
    private readonly HashSet<Guid> ownApplications = [];
    private Task<Actor?>? actor;

    public TimeProvider Clock => clock;

    /// <summary>The application this request submitted: its applicant reads it in the reply, unrecorded.</summary>
    public void SubmittedApplication(Guid applicationId)
    {
        lock (gate) ownApplications.Add(applicationId);
    }

    public bool IsOwnApplication(Guid applicationId)
    {
        lock (gate) return ownApplications.Contains(applicationId);
    }

    public Task<Actor?> GetAsync(System.Security.Claims.ClaimsPrincipal? user, CancellationToken ct)
    {
        lock (gate) return actor ??= Task.FromResult(Load(user));
    }

    /// <summary>The caller with the grants the token check found for this request (<see cref="Caller.From"/>): no extra round trip.</summary>
    private static Actor? Load(System.Security.Claims.ClaimsPrincipal? user) => Caller.From(user) is { } caller ? Actor.Of(caller) : null;
}

internal static class MemberAccess
{
    public static Task<Actor?> ActorAsync(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<RequestActor>().GetAsync(context.User, context.CancellationToken);

    /// <summary>The caller as an actor; a GraphQL UNAUTHENTICATED error when anonymous.</summary>
    public static async Task<Actor> RequireActorAsync(this IResolveFieldContext context) =>
        await context.ActorAsync() ?? throw new ExecutionError("Sign in first.") { Code = ErrorCodes.Unauthenticated };

    /// <summary>The caller as an actor with their member record's id; FORBIDDEN for accounts without one.</summary>
    public static async Task<(Actor Actor, Guid MemberId)> RequireMemberAsync(this IResolveFieldContext context)
    {
        var actor = await context.RequireActorAsync();
        return actor.MemberId is { } self ? (actor, self) : throw Forbidden("Only members have a member record to change.");
    }

    public static ExecutionError Forbidden(string message) => new(message) { Code = ErrorCodes.Forbidden };

    public static DateOnly Today(this IResolveFieldContext context) =>
        DateOnly.FromDateTime(context.RequestServices!.GetRequiredService<RequestActor>().Clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// A personal field: its value for the member, organisers of their branch (by a grant) and admins (reads by others
    /// than the member are recorded), null for everyone else.
    /// </summary>
    public static Task<object?> PersonalAsync<T>(this IResolveFieldContext<MemberProfile> context, Func<MemberProfile, T> value) =>
        context.ReadAsync((actor, member) => actor.SeesPersonal(member), value);

    /// <summary>
    /// A personal field of an application: its value for the applicant in the reply to applying, and for callers
    /// who see the application (<see cref="Actor.SeesApplication"/>); every read by someone other than the
    /// applicant is recorded, against the member once approved, else against the application. Null for others.
    /// </summary>
    public static async Task<object?> ApplicantAsync<T>(this IResolveFieldContext<MembershipApplication> context, Func<MembershipApplication, T> value)
    {
        var application = context.Source;
        if (context.RequestServices!.GetRequiredService<RequestActor>().IsOwnApplication(application.Id)) return value(application);
        var actor = await context.ActorAsync();
        if (actor is null || !actor.SeesApplication(application)) return null;
        if (application.MemberId is { } memberId && application.Status == ApplicationStatus.Approved)
        {
            if (memberId == actor.MemberId) return value(application);
            return context.RecordPersonalRead(actor, memberId).Then(_ => value(application));
        }
        return context.RecordApplicationRead(actor, application.Id).Then(_ => value(application));
    }

    /// <summary>Records, once per application per request, that the caller read a pending or rejected application's personal data.</summary>
    public static IDataLoaderResult<bool> RecordApplicationRead(this IResolveFieldContext context, Actor actor, Guid applicationId)
    {
        var audit = context.RequestServices!.GetRequiredService<PersonalDataAudit>(); // the fetch may run once this context is recycled
        return context.BatchLoaders().Get<Guid, bool>("membership.application-read", async (ids, ct) =>
        {
            await audit.RecordApplicationReadsAsync(new Contracts.PersonalDataReader(actor.AccountId, actor.MemberId, actor.Roles), ids, ct);
            return ids.ToDictionary(id => id, _ => true);
        }).Load(applicationId);
    }

    /// <summary>A contribution field: also readable by treasurers; reads by others than the member are recorded.</summary>
    public static Task<object?> ContributionAsync<T>(this IResolveFieldContext<MemberProfile> context, Func<MemberProfile, T> value) =>
        context.ReadAsync((actor, member) => actor.SeesContributions(member), value);

    /// <summary>The member's value for callers <paramref name="sees"/> lets read it (a read by someone other than the member recorded, batched), else null.</summary>
    private static async Task<object?> ReadAsync<T>(this IResolveFieldContext<MemberProfile> context, Func<Actor, MemberProfile, bool> sees, Func<MemberProfile, T> value)
    {
        var member = context.Source;
        var actor = await context.ActorAsync();
        if (actor is null || !sees(actor, member)) return null;
        if (actor.IsSelf(member)) return value(member);
        return context.RecordPersonalRead(actor, member.Id).Then(_ => value(member));
    }

    /// <summary>
    /// Whether the caller may read the member's data by <paramref name="sees"/>; a read by someone other than the member is
    /// recorded before the answer (for fields that then read more: a page of history, payments, the ledger).
    /// </summary>
    public static async Task<bool> MayReadAsync(this IResolveFieldContext<MemberProfile> context, Func<Actor, MemberProfile, bool> sees)
    {
        var actor = await context.ActorAsync();
        if (actor is null || !sees(actor, context.Source)) return false;
        if (!actor.IsSelf(context.Source)) await context.RecordPersonalRead(actor, context.Source.Id).GetResultAsync(context.CancellationToken);
        return true;
    }

    /// <summary>Records, once per member per request, that the caller read the member's personal data.</summary>
    public static IDataLoaderResult<bool> RecordPersonalRead(this IResolveFieldContext context, Actor actor, Guid memberId)
    {
        var audit = context.RequestServices!.GetRequiredService<Contracts.IPersonalDataAudit>(); // the fetch may run once this context is recycled
        return context.BatchLoaders().Get<Guid, bool>("membership.personal-read", async (ids, ct) =>
        {
            await audit.RecordReadsAsync(new Contracts.PersonalDataReader(actor.AccountId, actor.MemberId, actor.Roles), ids, ct);
            return ids.ToDictionary(id => id, _ => true);
        }).Load(memberId);
    }
}
