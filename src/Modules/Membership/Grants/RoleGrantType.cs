namespace WorkersPower.Membership.Grants;

/// <summary>
/// A grant as the API shows it: to the member who holds it and to admins only (its reason and its history are about
/// that member). Who granted it is shown as a member only to callers who reach that member.
/// </summary>
public sealed class RoleGrantType : ObjectGraphType<RoleGrant>
{
    public const string TypeName = "RoleGrant";

    public RoleGrantType()
    {
        Name = TypeName;
        Description = "A role granted to a member on a scope (the whole organisation, a branch or a campaign), from an instant, until an instant or " +
            "without end, by someone, saying why; with its revocation or expiry. Seen by the member who holds it and by admins.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field<NonNullGraphType<RoleEnum>>("role").Description("The role granted.").Resolve(ctx => Enum.Parse<Role>(ctx.Source.Role));
        Field<NonNullGraphType<GrantScopeType>>("scope").Description("What the grant reaches.").Resolve(ctx => ctx.Source.Scope);
        Field<NonNullGraphType<MemberType>>("member").Description("The member who holds it.")
            .Resolve(ctx => ctx.LoadMember(ctx.Source.MemberId));
        Field(x => x.From).Description("When it starts (a migrated role: when the role was first granted, where the record says).");
        Field<DateTimeScalar>("until").Description("When it ends by itself (null: it lasts until revoked).").Resolve(ctx => ctx.Source.Until);
        Field<MemberType>("grantedBy")
            .Description("The member whose account granted it; null for the platform (a migration), an account without a member record, or a member the caller may not reach.")
            .ResolveAsync(async ctx => await GrantReads.MemberOfAccountAsync(ctx, ctx.Source.GrantedBy));
        Field<NonNullGraphType<DateTimeScalar>>("grantedAt").Description("When it was recorded.").Resolve(ctx => ctx.Source.GrantedAt);
        Field<StringGraphType>("reason").Description("Why it was granted, if said.").Resolve(ctx => ctx.Source.Reason);
        Field<DateTimeScalar>("revokedAt").Description("When it was revoked, if it was.").Resolve(ctx => ctx.Source.RevokedAt);
        Field<StringGraphType>("revokeReason").Description("Why it was revoked, if it was.").Resolve(ctx => ctx.Source.RevokeReason);
        Field<DateTimeScalar>("expiredAt").Description("When its end was recorded (by the platform, at its end date), if it was.").Resolve(ctx => ctx.Source.ExpiredAt);
        Field("endedAt", x => x.EndsAt, nullable: true).Description("When it ended or ends: the soonest of its revocation, its recorded expiry and its end date (null: no end).");
        Field<NonNullGraphType<BooleanGraphType>>("active").Description("Whether it holds now.")
            .Resolve(ctx => ctx.Source.ActiveAt(ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow()));
    }
}

public sealed class GrantScopeKindEnum : EnumerationGraphType<GrantScopeKind>
{
    public GrantScopeKindEnum()
    {
        Name = "GrantScopeKind";
        Description = "What a grant reaches: the whole organisation, one branch, or one campaign.";
    }
}

public sealed class GrantScopeType : ObjectGraphType<GrantScope>
{
    public GrantScopeType()
    {
        Name = "GrantScope";
        Description = "The scope of a grant: its kind, and the branch or the campaign it names.";
        Field<NonNullGraphType<GrantScopeKindEnum>>("kind").Description("ORGANISATION, BRANCH or CAMPAIGN.").Resolve(ctx => ctx.Source.Kind);
        Field<BranchType>("branch").Description("The branch, for a BRANCH scope.")
            .Resolve(ctx => ctx.Source.BranchId is { } id ? ctx.LoadBranch(id) : null);
        AddField(new FieldType
        {
            Name = "campaign",
            Description = "The campaign, for a CAMPAIGN scope (resolved by the Campaigns module, with its visibility rules).",
            ResolvedType = new GraphQLTypeReference("Campaign"),
            Resolver = new global::GraphQL.Resolvers.FuncFieldResolver<GrantScope, object?>(async ctx =>
            {
                if (ctx.Source.CampaignId is not { } id) return null;
                var resolver = ctx.RequestServices!.GetServices<INodeResolver>().FirstOrDefault(r => r.TypeName == "Campaign");
                return resolver is null ? null : await resolver.ResolveAsync(id, ctx);
            }),
        });
    }
}

/// <summary>What grantRole and revokeGrant answer: the grant as the change left it, its member, or why nothing changed.</summary>
public sealed record RoleGrantPayload(RoleGrant? Grant, MemberProfile? Member) : Payload
{
    public static readonly UserError NoSuchGrant = UserError.NotFound("There is no such grant.", "input", "grantId");

    public static RoleGrantPayload Refused(params UserError[] errors) => new(null, null) { Errors = errors };

    private static readonly RaceAnswers Races = new(UserError.Conflict("The grant changed at the same moment: reload it and try again."));

    /// <summary>Runs the command and answers the grant it names and its member (<paramref name="memberId"/> when nothing changed).</summary>
    public static async Task<RoleGrantPayload> RunAsync(IResolveFieldContext ctx, object command, Guid? memberId)
    {
        var result = await ctx.InvokeAsync(command, Races);
        await using var session = ctx.Session();
        if (result.Errors.Count > 0 || result.Id is not { } id)
            return new RoleGrantPayload(null, null) { Errors = result.Errors };
        var grant = await session.LoadAsync<RoleGrant>(id, ctx.CancellationToken);
        var member = await session.LoadAsync<MemberProfile>(grant?.MemberId ?? memberId ?? Guid.Empty, ctx.CancellationToken);
        return new RoleGrantPayload(grant, member);
    }
}

public sealed class RoleGrantPayloadType : PayloadType<RoleGrantPayload>
{
    public RoleGrantPayloadType() : base("RoleGrantPayload", "The grant as the change left it and its member, or why nothing changed.")
    {
        Field<RoleGrantType>("grant").Description("The grant.").Resolve(ctx => ctx.Source.Grant);
        Field<MemberType>("member").Description("The member who holds the grant (as grantRole answered before grants: its roles follow the grants).")
            .Resolve(ctx => ctx.Source.Member);
    }
}

/// <summary>Grants' global ids for node(id:): the member who holds the grant and admins.</summary>
internal sealed class RoleGrantNodeResolver : INodeResolver
{
    public string TypeName => RoleGrantType.TypeName;

    public async Task<object?> ResolveAsync(Guid id, IResolveFieldContext context)
    {
        if (await context.ActorAsync() is not { } actor) return null;
        await using var session = context.Session();
        var grant = await session.LoadAsync<RoleGrant>(id, context.CancellationToken);
        return grant is not null && GrantReads.SeesGrantsOf(actor, grant.MemberId) ? grant : null;
    }

    public async Task<IReadOnlyDictionary<Guid, object>> ResolveManyAsync(IReadOnlyCollection<Guid> ids, IResolveFieldContext context)
    {
        if (ids.Count == 0 || await context.ActorAsync() is not { } actor) return new Dictionary<Guid, object>();
        await using var session = context.Session();
        var grants = await session.LoadManyAsync<RoleGrant>(context.CancellationToken, ids.Distinct());
        return grants.Where(g => GrantReads.SeesGrantsOf(actor, g.MemberId)).ToDictionary(g => g.Id, g => (object)g);
    }
}
