namespace WorkersPower.Membership.Accounts;

/// <summary>me and viewer: who is signed in.</summary>
internal sealed class ViewerQueries : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<MemberType>("me")
            .Description("The signed-in member; null when anonymous or when the account has no member record.")
            .AllowAnonymous()
            .Resolve(ctx => ctx.User.MemberId() is { } id ? ctx.LoadMember(id) : null);

        query.Field<ViewerType>("viewer")
            .Description("The signed-in account (also for operator accounts without a member record); null when anonymous.")
            .AllowAnonymous()
            .Resolve(ctx => ctx.User.AccountId() is { } id
                ? new Viewer(id, ctx.User!.FindAll(Claims.Role).Select(c => c.Value).Distinct().ToList(), ctx.User.MemberId())
                : null);
    }
}

/// <summary>Who is signed in: the account, and the member record when the account has one.</summary>
public sealed record Viewer(Guid AccountId, IReadOnlyList<string> Roles, Guid? MemberId);

public sealed class ViewerType : ObjectGraphType<Viewer>
{
    public ViewerType()
    {
        Name = "Viewer";
        Description = "The signed-in account.";
        Field<NonNullGraphType<StringGraphType>>("email").Description("The account's email (read from the account: tokens carry no personal data).")
            .ResolveAsync(async ctx =>
            {
                await using var session = ctx.Session();
                return (await session.LoadAsync<Account>(ctx.Source.AccountId, ctx.CancellationToken))?.Email ?? "";
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleEnum>>>>("roles").Description("The roles in the caller's token.")
            .Resolve(ctx => ctx.Source.Roles.Select(r => Enum.TryParse<Role>(r, out var role) ? role : (Role?)null).OfType<Role>().ToList());
        Field<MemberType>("member").Description("The member record, when the account belongs to a member.")
            .Resolve(ctx => ctx.Source.MemberId is { } id ? ctx.LoadMember(id) : null);
    }
}
