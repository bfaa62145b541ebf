using GraphQL.Types;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.GraphQL;

public sealed class MemberIdInput
{
    public string MemberId { get; set; } = "";
    public string? Reason { get; set; }
    public string? BranchId { get; set; }
    public Role Role { get; set; }
}

public sealed class SuspendMemberInputType() : ReasonedMemberInputTypeBase("SuspendMemberInput", "Which member to suspend, and why.");

public sealed class ReinstateMemberInputType() : ReasonedMemberInputTypeBase("ReinstateMemberInput", "Which suspended member to reinstate, and why.");

public abstract class ReasonedMemberInputTypeBase : InputObjectGraphType<MemberIdInput>
{
    protected ReasonedMemberInputTypeBase(string name, string description)
    {
        Name = name;
        Description = description;
        Field(x => x.MemberId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The member's global id.");
        Field(x => x.Reason, type: typeof(NonNullGraphType<StringGraphType>)).Description("Why (up to 1000 characters); kept in the member's history.");
    }
}

public sealed class ResignMembershipInputType : InputObjectGraphType<MemberIdInput>
{
    public ResignMembershipInputType()
    {
        Name = "ResignMembershipInput";
        Description = "The signed-in member resigns.";
        Field(x => x.Reason, nullable: true).Description("Why, if the member wants to say (up to 1000 characters).");
    }
}

public sealed class TransferMemberInputType : InputObjectGraphType<MemberIdInput>
{
    public TransferMemberInputType()
    {
        Name = "TransferMemberInput";
        Description = "Which member, into which branch.";
        Field(x => x.MemberId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The member's global id.");
        Field(x => x.BranchId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The branch's global id.");
    }
}

public sealed class RoleChangeInputType : InputObjectGraphType<MemberIdInput>
{
    public RoleChangeInputType()
    {
        Name = "RoleChangeInput";
        Description = "Which member, which role. The change takes effect with the member's next sign-in.";
        Field(x => x.MemberId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The member's global id.");
        Field<NonNullGraphType<RoleEnum>>("role").Description("The role.");
    }
}

public sealed class EraseMemberInputType : InputObjectGraphType<MemberIdInput>
{
    public EraseMemberInputType()
    {
        Name = "EraseMemberInput";
        Description = "Which member's personal data to erase, on their request.";
        Field(x => x.MemberId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The member's global id.");
    }
}

public sealed class RenameBranchInput
{
    public string BranchId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Region { get; set; }
}

public sealed class RenameBranchInputType : InputObjectGraphType<RenameBranchInput>
{
    public RenameBranchInputType()
    {
        Name = "RenameBranchInput";
        Description = "A branch's new name and region.";
        Field(x => x.BranchId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The branch's global id.");
        Field(x => x.Name).Description("The new name, unique (up to 100 characters).");
        Field(x => x.Region, nullable: true).Description("The region it covers.");
    }
}

public sealed class UpdateMyProfileInput
{
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Postcode { get; set; }
}

public sealed class UpdateMyProfileInputType : InputObjectGraphType<UpdateMyProfileInput>
{
    public UpdateMyProfileInputType()
    {
        Name = "UpdateMyProfileInput";
        Description = "The personal details to change; omitted fields stay as they are.";
        Field(x => x.GivenName, nullable: true).Description("Given name.");
        Field(x => x.FamilyName, nullable: true).Description("Family name.");
        Field(x => x.Email, nullable: true).Description("A new email address (also the sign-in email): it waits for confirmation (pendingEmail) and the current one stays in force meanwhile; the current address withdraws a pending change.");
        Field(x => x.Phone, nullable: true).Description("Phone number; an empty string removes it.");
        Field(x => x.Postcode, nullable: true).Description("Postcode.");
    }
}

public sealed class UpdateMyParticipationInput
{
    public string? Union { get; set; }
    public string? Workplace { get; set; }
    public List<string>? Interests { get; set; }
    public string? Availability { get; set; }
}

public sealed class UpdateMyParticipationInputType : InputObjectGraphType<UpdateMyParticipationInput>
{
    public UpdateMyParticipationInputType()
    {
        Name = "UpdateMyParticipationInput";
        Description = "How the member takes part; omitted fields stay as they are, an empty string clears one.";
        Field(x => x.Union, nullable: true).Description("Trade union.");
        Field(x => x.Workplace, nullable: true).Description("Workplace.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("interests").Description("Areas of work (replaces the list; up to 20).");
        Field(x => x.Availability, nullable: true).Description("When the member is usually available (up to 500 characters).");
    }
}

public sealed class CommunicationPreferencesInputType : InputObjectGraphType<CommunicationPreferences>
{
    public CommunicationPreferencesInputType()
    {
        Name = "UpdateMyCommunicationPreferencesInput";
        Description = "How the organisation may contact the member.";
        Field(x => x.Email).Description("Updates by email.");
        Field(x => x.Sms).Description("Text messages.");
        Field(x => x.Post).Description("Letters by post.");
    }
}

public sealed class PledgeContributionInput
{
    public Money Contribution { get; set; } = new(0, "");
    public ContributionFrequency ContributionFrequency { get; set; }
}

public sealed class PledgeContributionInputType : InputObjectGraphType<PledgeContributionInput>
{
    public PledgeContributionInputType()
    {
        Name = "PledgeContributionInput";
        Description = "The signed-in member's new regular contribution; it counts from this month.";
        Field<NonNullGraphType<MoneyInputType>>("contribution").Description("The amount per payment (more than zero, a known currency).");
        Field<NonNullGraphType<ContributionFrequencyEnum>>("contributionFrequency").Description("How often it is paid.");
    }
}

public sealed class RecordContributionPaymentInput
{
    public string MemberId { get; set; } = "";
    public Money Amount { get; set; } = new(0, "");
    public DateOnly PaidOn { get; set; }
    public string? Reference { get; set; }
}

public sealed class RecordContributionPaymentInputType : InputObjectGraphType<RecordContributionPaymentInput>
{
    public RecordContributionPaymentInputType()
    {
        Name = "RecordContributionPaymentInput";
        Description = "A payment received from a member (treasurers).";
        Field(x => x.MemberId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The member's global id.");
        Field<NonNullGraphType<MoneyInputType>>("amount").Description("How much, in the member's pledge currency.");
        Field(x => x.PaidOn, type: typeof(NonNullGraphType<DateScalar>)).Description("The day it was paid (not in the future).");
        Field(x => x.Reference, nullable: true).Description("The bank or receipt reference (up to 200 characters).");
    }
}

public sealed class ImportContributionPaymentsInput
{
    public string Csv { get; set; } = "";
    public bool DryRun { get; set; }
}

public sealed class ImportContributionPaymentsInputType : InputObjectGraphType<ImportContributionPaymentsInput>
{
    public ImportContributionPaymentsInputType()
    {
        Name = "ImportContributionPaymentsInput";
        Description = "A CSV file of payments: a header row with the columns date, amount, member (email or member id), and optionally reference and currency.";
        Field(x => x.Csv).Description("The file's text (up to 5000 rows).");
        Field(x => x.DryRun, nullable: true).Description("true: only report what would happen, record nothing (default false).");
    }
}
