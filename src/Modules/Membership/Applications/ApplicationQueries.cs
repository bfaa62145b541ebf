namespace WorkersPower.Membership.Applications;

/// <summary>membershipApplications: the organisers' and admins' list of join applications.</summary>
internal sealed class ApplicationQueries : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<MembershipApplicationType>>>("membershipApplications")
            .Description("Join applications, newest first, optionally only those with a status. Admins and organisation-wide organisers see all; an organiser sees the applications of the branches they organise, and pending ones for no branch. Reads of personal fields are recorded.")
            .Argument<ApplicationStatusEnum>("status", "Only applications with this status.")
            .PageArguments()
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx => await ApplicationsPageAsync(ctx));

    private static async Task<Connection<MembershipApplication>> ApplicationsPageAsync(IResolveFieldContext ctx)
    {
        var actor = await ctx.RequireActorAsync();
        var page = PageRequest.From(ctx);
        var status = ctx.GetArgument<ApplicationStatus?>("status");
        // the branches organised (null: every branch, for admins and organisation-wide organisers)
        Guid[]? scope = actor.OrganisesEveryBranch ? null : [.. actor.OrganisedBranches];
        if (scope is [] && !actor.OrganisesSomeBranch)
            throw MemberAccess.Forbidden("Organisers see the applications of the branches they organise, and you hold no ORGANISER grant.");

        IBatchedQueryable<MembershipApplication> Filtered(IBatchedQueryable<MembershipApplication> q)
        {
            if (status is { } s) q = q.Where(a => a.Status == s);
            // the rule of Actor.SeesApplication, in the query
            if (scope is { } own) q = q.Where(a => (a.BranchId != null && own.Contains(a.BranchId.Value)) || (a.Status == ApplicationStatus.Pending && a.BranchId == null));
            return q;
        }

        await using var session = ctx.Session();
        // count and page in one round trip
        return await page.PageAsync<MembershipApplication>(session, Filtered, a => a.Sequence, descending: true, ctx.CancellationToken);
    }
}

/// <summary>Applications' global ids for node(id:), with the same visibility as the list (an organiser's branch scope included).</summary>
internal sealed class MembershipApplicationNodeResolver : INodeResolver
{
    public string TypeName => MembershipApplicationType.TypeName;

    public async Task<object?> ResolveAsync(Guid id, IResolveFieldContext context)
    {
        if (!context.User.HasAnyRole(Roles.Organiser, Roles.Admin) || await context.ActorAsync() is not { } actor) return null;
        await using var session = context.Session();
        var application = await session.LoadAsync<MembershipApplication>(id, context.CancellationToken);
        return application is not null && actor.SeesApplication(application) ? application : null;
    }

    /// <summary>Several applications in one query, with the same rule as one at a time.</summary>
    public async Task<IReadOnlyDictionary<Guid, object>> ResolveManyAsync(IReadOnlyCollection<Guid> ids, IResolveFieldContext context)
    {
        if (!context.User.HasAnyRole(Roles.Organiser, Roles.Admin) || ids.Count == 0 || await context.ActorAsync() is not { } actor)
            return new Dictionary<Guid, object>();
        await using var session = context.Session();
        var applications = await session.LoadManyAsync<MembershipApplication>(context.CancellationToken, ids.Distinct());
        return applications.Where(actor.SeesApplication).ToDictionary(a => a.Id, a => (object)a);
    }
}
