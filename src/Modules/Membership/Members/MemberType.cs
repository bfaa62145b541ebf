namespace WorkersPower.Membership.Members;

/// <summary>
/// A member. Reachable by the member, organisers of their branch, treasurers and admins. Personal
/// fields are null for treasurers; contribution fields are null for no one who can reach the member.
/// </summary>
public sealed class MemberType : ObjectGraphType<MemberProfile>
{
    public const string TypeName = "Member";

    public MemberType(IEnumerable<IObjectTypeExtension> extensions)
    {
        Name = TypeName;
        Description = "A member of the organisation. Reachable by the member, organisers of the member's branch, treasurers and admins. " +
            "Personal fields (email, phone, postcode, participation, history) are null for callers other than the member, organisers of the member's branch and admins; " +
            "contribution fields are also readable by treasurers; every read of either by someone else is recorded.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field(x => x.GivenName).Description("Given name.");
        Field(x => x.FamilyName).Description("Family name.");
        Field<NonNullGraphType<MembershipStatusEnum>>("status").Description("The member's standing.").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleEnum>>>>("roles").Description("MEMBER and the roles the member holds now by a grant, on any scope (see grants for the scopes).")
            .Resolve(ctx => ctx.LoadGrantsOfMember(ctx.Source.Id)
                .Then(grants => (IReadOnlyList<Role>)[Role.MEMBER, .. new Grants.GrantSet(grants, ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow()).Roles.Select(Enum.Parse<Role>)]));
        Field<ConnectionType<Grants.RoleGrantType>>("grants")
            .Description("The member's role grants, in the order they started, ended ones included (the member and admins; null for others).")
            .PageArguments()
            .ResolveAsync(async ctx => await ctx.ActorAsync() is { } actor && GrantReads.SeesGrantsOf(actor, ctx.Source.Id)
                ? await GrantReads.PageAsync(ctx, ctx.Source.Id, null) : null);
        Field<NonNullGraphType<BranchType>>("branch").Description("The branch the member belongs to.")
            .Resolve(ctx => ctx.LoadBranch(ctx.Source.BranchId));
        Field(x => x.JoinedOn).Description("The day the member was first admitted.");
        Field<BooleanGraphType>("erased").Description("True when the member's personal data was erased on request.").Resolve(ctx => ctx.Source.Erased);

        Personal<StringGraphType>("email", "Email address.", m => m.Email);
        Field<StringGraphType>("pendingEmail")
            .Description("A new email address the member asked for, waiting for confirmation from a link sent to it (the member only; null for everyone else). The current email stays in force until then.")
            .ResolveAsync(async ctx => (await ctx.ActorAsync()) is { } actor && actor.IsSelf(ctx.Source) ? ctx.Source.PendingEmail : null);
        Personal<StringGraphType>("phone", "Phone number.", m => m.Phone);
        Personal<StringGraphType>("postcode", "Postcode.", m => m.Postcode);
        Personal<StringGraphType>("statusReason", "Why the standing last changed (e.g. the suspension's reason).", m => m.StatusReason);
        Personal<DateTimeScalar>("statusChangedAt", "When the standing last changed.", m => m.StatusChangedAt);
        Personal<StringGraphType>("union", "Trade union, if any.", m => m.Union);
        Personal<StringGraphType>("workplace", "Workplace.", m => m.Workplace);
        Personal<ListGraphType<NonNullGraphType<StringGraphType>>>("interests", "Areas of work the member is interested in.", m => m.Interests);
        Personal<StringGraphType>("availability", "When the member is usually available.", m => m.Availability);
        Personal<CommunicationPreferencesType>("communicationPreferences", "How the organisation may contact the member.", m => m.Communication);
        Personal<BooleanGraphType>("accountActivated", "Whether the member has set a password and can sign in.", m => m.AccountActive);

        Field<MoneyType>("contribution").Description("The current pledged contribution (also for treasurers; reads by others than the member are recorded).")
            .ResolveAsync(async ctx => await ctx.ContributionAsync(m => m.Contribution));
        Field<ContributionFrequencyEnum>("contributionFrequency").Description("How often the pledge is paid (also for treasurers).")
            .ResolveAsync(async ctx => await ctx.ContributionAsync(m => m.ContributionFrequency));
        Field<IntGraphType>("monthsInArrears").Description("Whole months of pledged contributions not paid (also for treasurers). Three or more and an active member lapses.")
            .ResolveAsync(async ctx => await ctx.ContributionAsync(m => m.Ledger.MonthsInArrears(ctx.Today())));
        Field<MoneyType>("arrears").Description("The amount owed (also for treasurers).")
            .ResolveAsync(async ctx => await ctx.ContributionAsync(m => new Money(m.Ledger.Arrears(ctx.Today()), m.Ledger.Currency)));
        Field<ConnectionType<ContributionPaymentType>>("contributionPayments")
            .Description("Payments recorded for the member, newest first (also for treasurers).")
            .PageArguments()
            .ResolveAsync(async ctx => await ctx.MayReadAsync((actor, member) => actor.SeesContributions(member))
                ? await ContributionReads.PaymentsAsync(ctx, ctx.Source.Id) : null);

        Field<ConnectionType<MemberEventType>>("history")
            .Description("The member's own record of changes, newest first (the member, organisers of the branch, admins).")
            .PageArguments()
            .ResolveAsync(async ctx => await ctx.MayReadAsync((actor, member) => actor.SeesPersonal(member))
                ? await MemberHistory.PageAsync(ctx, ctx.Source) : null);

        // Fields other modules add to Member (e.g. Campaigns' participation).
        foreach (var extension in extensions.Where(e => e.TypeName == TypeName)) extension.Extend(this, source => ((MemberProfile)source).Id);
    }

    private void Personal<TGraphType>(string name, string description, Func<MemberProfile, object?> value) where TGraphType : IGraphType =>
        Field<TGraphType>(name).Description(description + " Personal: null for callers who may not read it.")
            .ResolveAsync(async ctx => await ctx.PersonalAsync(value));
}

public sealed class CommunicationPreferencesType : ObjectGraphType<CommunicationPreferences>
{
    public CommunicationPreferencesType()
    {
        Name = "CommunicationPreferences";
        Description = "How the organisation may contact a member.";
        Field(x => x.Email).Description("Updates by email.");
        Field(x => x.Sms).Description("Text messages.");
        Field(x => x.Post).Description("Letters by post.");
    }
}

public sealed class ContributionPaymentType : ObjectGraphType<ContributionPayment>
{
    public ContributionPaymentType()
    {
        Name = "ContributionPayment";
        Description = "A recorded contribution payment.";
        Field<NonNullGraphType<MoneyType>>("amount").Description("How much.").Resolve(ctx => new Money(ctx.Source.Amount, ctx.Source.Currency));
        Field(x => x.PaidOn).Description("The day it was paid.");
        Field(x => x.Reference, nullable: true).Description("The payment's reference (e.g. from the bank).");
        Field(x => x.Source).Description("MANUAL (recorded by a treasurer) or IMPORT (from a bank export).");
        Field(x => x.RecordedAt).Description("When it was recorded.");
    }
}

public sealed record MonthlyContributionTotal(string Month, string Currency, decimal Total, int Payments);

public sealed class MonthlyContributionTotalType : ObjectGraphType<MonthlyContributionTotal>
{
    public MonthlyContributionTotalType()
    {
        Name = "MonthlyContributionTotal";
        Description = "What a branch's members paid in one month, in one currency.";
        Field(x => x.Month).Description("The month, as yyyy-mm.");
        Field<NonNullGraphType<MoneyType>>("total").Description("The sum paid.").Resolve(ctx => new Money(ctx.Source.Total, ctx.Source.Currency));
        Field(x => x.Payments).Description("How many payments.");
    }
}
