using R = WorkersPower.Platform.Security.Roles;

namespace WorkersPower.Membership.Members;

/// <summary>
/// Who is acting, and the access rules that follow from it. An organiser is scoped to the branch of
/// their own member record; ADMIN reaches everyone; TREASURER reads contributions of everyone.
/// </summary>
public sealed record Actor(Guid AccountId, Guid? MemberId, IReadOnlyList<string> Roles, Guid? BranchId)
{
    public static readonly Guid System = Guid.Empty;

    public static Actor Platform { get; } = new(System, null, [R.Admin], null);

    public bool Has(string role) => Roles.Contains(role);

    public bool IsAdmin => Has(R.Admin);

    public bool IsSelf(MemberProfile member) => MemberId == member.Id;

    /// <summary>May change the member's standing and branch: an admin, or an organiser of the member's branch.</summary>
    public bool Manages(MemberProfile member) => IsAdmin || (Has(R.Organiser) && BranchId is { } b && b == member.BranchId);

    /// <summary>May read the member's personal fields (email, phone, postcode, participation, history).</summary>
    public bool SeesPersonal(MemberProfile member) => IsSelf(member) || Manages(member);

    /// <summary>May read the member's contributions.</summary>
    public bool SeesContributions(MemberProfile member) => SeesPersonal(member) || Has(R.Treasurer);

    /// <summary>May reach the member record at all.</summary>
    public bool Sees(MemberProfile member) => SeesContributions(member);

    /// <summary>May list members: organisers (their branch), treasurers and admins (everyone).</summary>
    public bool ListsMembers => IsAdmin || Has(R.Treasurer) || Has(R.Organiser);

    /// <summary>
    /// May read the personal fields of every member of the branch (null: of every branch): admins everywhere,
    /// an organiser in their own branch. Filters and searches on personal fields stay within this scope.
    /// </summary>
    public bool ReadsPersonalDataOfBranch(Guid? branchId) =>
        IsAdmin || (Has(R.Organiser) && BranchId is { } own && branchId == own);

    /// <summary>
    /// May see (and read the personal fields of) an application: admins every one; an organiser pending ones
    /// for their branch or for no branch, and decided ones of their branch.
    /// </summary>
    public bool SeesApplication(MembershipApplication application) =>
        IsAdmin || (Has(R.Organiser) && BranchId is { } own &&
            (application.BranchId == own || (application.Status == ApplicationStatus.Pending && application.BranchId is null)));

    /// <summary>May approve the application into the branch: admins into any; an organiser into their own, an application they see.</summary>
    public bool MayApprove(MembershipApplication application, Guid intoBranch) =>
        IsAdmin || (SeesApplication(application) && BranchId == intoBranch);
}
