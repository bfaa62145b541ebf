namespace WorkersPower.Membership.Applications;

public sealed class ApplicationStatusEnum : EnumerationGraphType<ApplicationStatus>
{
    public ApplicationStatusEnum()
    {
        Name = "ApplicationStatus";
        Description = "Where a join application stands.";
    }
}

public sealed class MembershipApplicationType : ObjectGraphType<MembershipApplication>
{
    public const string TypeName = "MembershipApplication";

    public MembershipApplicationType()
    {
        Name = TypeName;
        Description = "An application to join. Admins see every application; an organiser pending ones for their branch or for no branch, " +
            "and decided ones of their branch; the applicant sees it once, in the reply to applying. Every read of its personal fields " +
            "(all but the names, status and dates) by an organiser or admin is recorded: against the member once approved, else against the application.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("givenName").Description("Given name.").Resolve(ctx => ctx.Source.Applicant.GivenName);
        Field<NonNullGraphType<StringGraphType>>("familyName").Description("Family name.").Resolve(ctx => ctx.Source.Applicant.FamilyName);
        Personal<NonNullGraphType<StringGraphType>>("email", "Email address.", a => a.Applicant.Email);
        Personal<StringGraphType>("phone", "Phone number.", a => a.Applicant.Phone);
        Personal<NonNullGraphType<StringGraphType>>("postcode", "Postcode.", a => a.Applicant.Postcode);
        Personal<StringGraphType>("union", "Trade union, if any.", a => a.Applicant.Union);
        Personal<StringGraphType>("workplace", "Workplace.", a => a.Applicant.Workplace);
        Personal<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("interests", "Areas of work of interest.", a => a.Applicant.Interests);
        Personal<StringGraphType>("message", "Why they want to join.", a => a.Applicant.Message);
        Personal<NonNullGraphType<MoneyType>>("contribution", "The contribution pledged.", a => a.Applicant.Contribution);
        Personal<NonNullGraphType<ContributionFrequencyEnum>>("contributionFrequency", "How often it would be paid.", a => a.Applicant.ContributionFrequency);
        Field<BranchType>("branch")
            .Description("While pending, the branch the applicant chose (null: none); once approved, the branch approved into; once rejected, the chosen branch or the rejecting organiser's.")
            .Resolve(ctx => ctx.Source.BranchId is { } id ? ctx.LoadBranch(id) : null);
        Field<NonNullGraphType<ApplicationStatusEnum>>("status").Description("Where the application stands.").Resolve(ctx => ctx.Source.Status);
        Field(x => x.SubmittedAt).Description("When it was submitted.");
        Field(x => x.DecidedAt, nullable: true).Description("When it was approved or rejected.");
        Personal<StringGraphType>("rejectionReason", "Why it was rejected.", a => a.RejectionReason);
        Field<MemberType>("member").Description("The member record, once approved (organisers of the member's branch and admins).")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                if (ctx.Source.MemberId is not { } id) return null;
                var actor = await ctx.ActorAsync();
                return ctx.LoadMember(id).Then(m => m is not null && actor is not null && actor.Sees(m) ? m : null);
            });
    }

    /// <summary>A personal field: for the applicant in the reply to applying, and for callers who see the application (reads recorded).</summary>
    private void Personal<TGraphType>(string name, string description, Func<MembershipApplication, object?> value) where TGraphType : IGraphType =>
        Field<TGraphType>(name).Description(description + " Personal: every read by an organiser or admin is recorded.")
            .ResolveAsync(async ctx => await ctx.ApplicantAsync(value));
}
