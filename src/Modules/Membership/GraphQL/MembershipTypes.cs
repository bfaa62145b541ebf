using GraphQL;
using GraphQL.Types;
using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Branches;
using WorkersPower.Membership.Members;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.GraphQL;

public sealed class ApplicationStatusEnum : EnumerationGraphType<ApplicationStatus>
{
    public ApplicationStatusEnum()
    {
        Name = "ApplicationStatus";
        Description = "Where a join application stands.";
    }
}

public sealed class MembershipStatusEnum : EnumerationGraphType<MembershipStatus>
{
    public MembershipStatusEnum()
    {
        Name = "MembershipStatus";
        Description = "A member's standing.";
    }
}

public sealed class ContributionFrequencyEnum : EnumerationGraphType<ContributionFrequency>
{
    public ContributionFrequencyEnum()
    {
        Name = "ContributionFrequency";
        Description = "How often a pledged contribution is paid.";
    }
}

public sealed class RoleEnum : EnumerationGraphType<Role>
{
    public RoleEnum()
    {
        Name = "Role";
        Description = "What an account may do: MEMBER, ORGANISER (applications, members, campaigns), TREASURER (contributions), EDITOR (content), ADMIN (everything).";
    }
}

public sealed class BranchType : ObjectGraphType<Branch>
{
    public const string TypeName = "Branch";

    public BranchType()
    {
        Name = TypeName;
        Description = "A branch members are organised in.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field(x => x.Name).Description("The branch's name.");
        Field(x => x.Region, nullable: true).Description("The region it covers.");
        Field<NonNullGraphType<IntGraphType>>("memberCount").Description("How many active members it has (signed-in callers only).")
            .Authorize()
            .Resolve(ctx => ctx.CountActiveMembers(ctx.Source.Id));
    }
}

public sealed class MemberType : ObjectGraphType<MemberProfile>
{
    public const string TypeName = "Member";

    public MemberType()
    {
        Name = TypeName;
        Description = "A member of the organisation. Reachable only by the member, organisers and admins.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field(x => x.GivenName).Description("Given name.");
        Field(x => x.FamilyName).Description("Family name.");
        Field(x => x.Email).Description("Email address.");
        Field(x => x.Phone, nullable: true).Description("Phone number.");
        Field(x => x.Postcode).Description("Postcode.");
        Field<NonNullGraphType<MembershipStatusEnum>>("status").Description("The member's standing.").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleEnum>>>>("roles").Description("The roles of the member's account.")
            .Resolve(ctx => ctx.LoadAccountOfMember(ctx.Source.Id)
                .Then(a => (a?.Roles ?? [Roles.Member]).Select(Enum.Parse<Role>).ToList()));
        Field<NonNullGraphType<BranchType>>("branch").Description("The branch the member belongs to.")
            .Resolve(ctx => ctx.LoadBranch(ctx.Source.BranchId));
        Field(x => x.JoinedOn).Description("The day the member was admitted.");
        Field(x => x.Union, nullable: true).Description("Trade union, if any.");
        Field(x => x.Workplace, nullable: true).Description("Workplace.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("interests").Description("Areas of work the member is interested in.")
            .Resolve(ctx => ctx.Source.Interests);
        Field(x => x.Availability, nullable: true).Description("When the member is usually available.");
        Field<MoneyType>("contribution").Description("The current pledged contribution.").Resolve(ctx => ctx.Source.Contribution);
        Field<ContributionFrequencyEnum>("contributionFrequency").Description("How often the pledge is paid.").Resolve(ctx => ctx.Source.ContributionFrequency);
        Field<NonNullGraphType<BooleanGraphType>>("accountActivated").Description("Whether the member has set a password and can sign in.")
            .Resolve(ctx => ctx.Source.AccountActive);
        Field<NonNullGraphType<ConnectionType<MemberEventType>>>("history")
            .Description("The member's own record of changes, newest first.")
            .PageArguments()
            .ResolveAsync(async ctx => await MemberHistory.PageAsync(ctx, ctx.Source));
    }
}

public sealed class MembershipApplicationType : ObjectGraphType<MembershipApplication>
{
    public const string TypeName = "MembershipApplication";

    public MembershipApplicationType()
    {
        Name = TypeName;
        Description = "An application to join. Organisers see all of it; the applicant sees it once, in the reply to applying.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("givenName").Description("Given name.").Resolve(ctx => ctx.Source.Applicant.GivenName);
        Field<NonNullGraphType<StringGraphType>>("familyName").Description("Family name.").Resolve(ctx => ctx.Source.Applicant.FamilyName);
        Field<NonNullGraphType<StringGraphType>>("email").Description("Email address.").Resolve(ctx => ctx.Source.Applicant.Email);
        Field<StringGraphType>("phone").Description("Phone number.").Resolve(ctx => ctx.Source.Applicant.Phone);
        Field<NonNullGraphType<StringGraphType>>("postcode").Description("Postcode.").Resolve(ctx => ctx.Source.Applicant.Postcode);
        Field<StringGraphType>("union").Description("Trade union, if any.").Resolve(ctx => ctx.Source.Applicant.Union);
        Field<StringGraphType>("workplace").Description("Workplace.").Resolve(ctx => ctx.Source.Applicant.Workplace);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("interests").Description("Areas of work of interest.")
            .Resolve(ctx => ctx.Source.Applicant.Interests);
        Field<StringGraphType>("message").Description("Why they want to join.").Resolve(ctx => ctx.Source.Applicant.Message);
        Field<NonNullGraphType<MoneyType>>("contribution").Description("The contribution pledged.").Resolve(ctx => ctx.Source.Applicant.Contribution);
        Field<NonNullGraphType<ContributionFrequencyEnum>>("contributionFrequency").Description("How often it would be paid.")
            .Resolve(ctx => ctx.Source.Applicant.ContributionFrequency);
        Field<NonNullGraphType<ApplicationStatusEnum>>("status").Description("Where the application stands.").Resolve(ctx => ctx.Source.Status);
        Field(x => x.SubmittedAt).Description("When it was submitted.");
        Field(x => x.DecidedAt, nullable: true).Description("When it was approved or rejected.");
        Field(x => x.RejectionReason, nullable: true).Description("Why it was rejected.");
        Field<MemberType>("member").Description("The member record, once approved (organisers and admins).")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .Resolve(ctx => ctx.Source.MemberId is { } id ? ctx.LoadMember(id) : null);
    }
}

public sealed record MemberEvent(string Type, DateTimeOffset OccurredAt, string Summary, long Version);

public sealed class MemberEventType : ObjectGraphType<MemberEvent>
{
    public MemberEventType()
    {
        Name = "MemberEvent";
        Description = "One change in a member's record.";
        Field(x => x.Type).Description("What happened, e.g. JOINED, ACCOUNT_ACTIVATED.");
        Field(x => x.OccurredAt).Description("When it happened.");
        Field(x => x.Summary).Description("A sentence for people.");
    }
}

/// <summary>Who is signed in: the account, and the member record when the account has one.</summary>
public sealed record Viewer(Guid AccountId, string Email, IReadOnlyList<string> Roles, Guid? MemberId);

public sealed class ViewerType : ObjectGraphType<Viewer>
{
    public ViewerType()
    {
        Name = "Viewer";
        Description = "The signed-in account.";
        Field(x => x.Email).Description("The account's email.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleEnum>>>>("roles").Description("The roles in the caller's token.")
            .Resolve(ctx => ctx.Source.Roles.Select(r => Enum.TryParse<Role>(r, out var role) ? role : (Role?)null).OfType<Role>().ToList());
        Field<MemberType>("member").Description("The member record, when the account belongs to a member.")
            .Resolve(ctx => ctx.Source.MemberId is { } id ? ctx.LoadMember(id) : null);
    }
}
