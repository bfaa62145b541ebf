using GraphQL.Types;
using WorkersPower.Membership.Applications;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;

namespace WorkersPower.Membership.GraphQL;

public sealed class ApplyForMembershipInput
{
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Phone { get; set; }
    public string Postcode { get; set; } = "";
    public string? Union { get; set; }
    public string? Workplace { get; set; }
    public List<string>? Interests { get; set; }
    public string? Message { get; set; }
    public bool AcceptsProgramme { get; set; }
    public Money Contribution { get; set; } = new(0, "");
    public ContributionFrequency ContributionFrequency { get; set; }
    public bool ConsentToContact { get; set; }
    public string? BranchId { get; set; }
}

public sealed class ApplyForMembershipInputType : InputObjectGraphType<ApplyForMembershipInput>
{
    public ApplyForMembershipInputType()
    {
        Name = "ApplyForMembershipInput";
        Description = "What a person gives when applying to join.";
        Field(x => x.GivenName).Description("Given name (up to 100 characters).");
        Field(x => x.FamilyName).Description("Family name (up to 100 characters).");
        Field(x => x.Email).Description("Email address: the organisation contacts the applicant here.");
        Field(x => x.Phone, nullable: true).Description("Phone number (digits, spaces, +, -, parentheses).");
        Field(x => x.Postcode).Description("Postcode (up to 16 characters).");
        Field(x => x.Union, nullable: true).Description("Trade union, if any.");
        Field(x => x.Workplace, nullable: true).Description("Workplace.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("interests").Description("Areas of work, e.g. \"rank-and-file\", \"palestine\", \"anti-fascism\" (up to 20).");
        Field(x => x.Message, nullable: true).Description("Why they want to join (up to 4000 characters).");
        Field(x => x.AcceptsProgramme).Description("Must be true: joining means accepting the programme.");
        Field<NonNullGraphType<MoneyInputType>>("contribution").Description("The regular contribution pledged (more than zero, a known currency).");
        Field<NonNullGraphType<ContributionFrequencyEnum>>("contributionFrequency").Description("How often the contribution is paid.");
        Field(x => x.ConsentToContact).Description("Must be true: the organisation stores and uses these details.");
        Field(x => x.BranchId, type: typeof(IdGraphType)).Description("The branch the applicant wants to join (see branches); optional. Its organisers see the application; an unknown id is refused (NOT_FOUND).");
    }
}

public sealed class ApproveMembershipApplicationInput
{
    public string ApplicationId { get; set; } = "";
    public string BranchId { get; set; } = "";
}

public sealed class ApproveMembershipApplicationInputType : InputObjectGraphType<ApproveMembershipApplicationInput>
{
    public ApproveMembershipApplicationInputType()
    {
        Name = "ApproveMembershipApplicationInput";
        Description = "Which application to approve, into which branch.";
        Field(x => x.ApplicationId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The application's global id.");
        Field(x => x.BranchId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The branch's global id.");
    }
}

public sealed class RejectMembershipApplicationInput
{
    public string ApplicationId { get; set; } = "";
    public string Reason { get; set; } = "";
}

public sealed class RejectMembershipApplicationInputType : InputObjectGraphType<RejectMembershipApplicationInput>
{
    public RejectMembershipApplicationInputType()
    {
        Name = "RejectMembershipApplicationInput";
        Description = "Which application to reject, and why.";
        Field(x => x.ApplicationId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The application's global id.");
        Field(x => x.Reason).Description("Why (up to 2000 characters); kept with the application.");
    }
}
