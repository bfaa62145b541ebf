using R = WorkersPower.Platform.Security.Roles;

namespace WorkersPower.Membership.Members;

/// <summary>
/// Who is acting, and the access rules that follow from it. Scope comes from the grants the caller holds now
/// (<see cref="Caller.Grants"/>): an ORGANISER grant on a branch (or on the whole organisation) organises that branch
/// (or every branch); a TREASURER grant on a branch reads that branch's contributions (organisation-wide: everyone's);
/// ADMIN reaches everyone. <see cref="Roles"/> are the token's claims (checked against the grants on every request).
/// </summary>
public sealed record Actor(Guid AccountId, Guid? MemberId, IReadOnlyList<string> Roles, IReadOnlyList<Grant> Grants)
{
    public static readonly Guid System = Guid.Empty;

    public static Actor Platform { get; } = new(System, null, [R.Admin], []);

    /// <summary>The actor of a caller: its account, member record, token roles and current grants.</summary>
    public static Actor Of(Caller caller) => new(caller.AccountId, caller.MemberId, caller.Roles, caller.Grants);

    /// <summary>Holds the role: by the token's claims or by a grant held now.</summary>
    public bool Has(string role) => Roles.Contains(role) || Grants.Any(g => g.Role == role);

    public bool IsAdmin => Has(R.Admin);

    public bool IsSelf(MemberProfile member) => MemberId == member.Id;

    /// <summary>An admin, or an ORGANISER grant on the branch or on the whole organisation.</summary>
    public bool OrganisesBranch(Guid branchId) => IsAdmin || Grants.Any(g => g.CoversBranch(R.Organiser, branchId));

    /// <summary>An admin, or an organisation-wide ORGANISER grant.</summary>
    public bool OrganisesEveryBranch => IsAdmin || Grants.Any(g => g.Role == R.Organiser && g.Kind == GrantScopeKind.Organisation);

    /// <summary>Holds an ORGANISER grant on some scope (or is an admin).</summary>
    public bool OrganisesSomeBranch => IsAdmin || Grants.Any(g => g.Role == R.Organiser && g.Kind != GrantScopeKind.Campaign);

    /// <summary>The branches ORGANISER grants name (see <see cref="OrganisesEveryBranch"/> for the organisation-wide case).</summary>
    public IReadOnlyList<Guid> OrganisedBranches => BranchesOf(R.Organiser);

    /// <summary>An admin, or a TREASURER grant on the branch or on the whole organisation.</summary>
    public bool TreasuresBranch(Guid branchId) => IsAdmin || Grants.Any(g => g.CoversBranch(R.Treasurer, branchId));

    /// <summary>An admin, or an organisation-wide TREASURER grant.</summary>
    public bool TreasuresEveryBranch => IsAdmin || Grants.Any(g => g.Role == R.Treasurer && g.Kind == GrantScopeKind.Organisation);

    /// <summary>Holds a TREASURER grant on some scope (or is an admin): may record payments, within <see cref="TreasuresBranch"/>.</summary>
    public bool TreasuresSomeBranch => IsAdmin || Grants.Any(g => g.Role == R.Treasurer && g.Kind != GrantScopeKind.Campaign);

    /// <summary>May change the member's standing and branch: an admin, or an organiser of the member's branch.</summary>
    public bool Manages(MemberProfile member) => OrganisesBranch(member.BranchId);

    /// <summary>May read the member's personal fields (email, phone, postcode, participation, history).</summary>
    public bool SeesPersonal(MemberProfile member) => IsSelf(member) || Manages(member);

    /// <summary>May read the member's contributions: also a treasurer of the member's branch (or of every branch).</summary>
    public bool SeesContributions(MemberProfile member) => SeesPersonal(member) || TreasuresBranch(member.BranchId);

    /// <summary>May reach the member record at all.</summary>
    public bool Sees(MemberProfile member) => SeesContributions(member);

    /// <summary>May list members: organisers and treasurers (of the branches their grants name), and admins.</summary>
    public bool ListsMembers => OrganisesSomeBranch || TreasuresSomeBranch;

    /// <summary>
    /// The branches whose members the actor may list (null: every branch): organised and treasured branches, every
    /// branch for admins and organisation-wide organisers or treasurers.
    /// </summary>
    public IReadOnlyList<Guid>? ListedBranches =>
        OrganisesEveryBranch || TreasuresEveryBranch ? null : [.. OrganisedBranches.Union(BranchesOf(R.Treasurer))];

    /// <summary>
    /// The branches whose members' personal fields the actor reads (null: every branch): <see cref="SeesPersonal"/>
    /// for every member but the actor's own record, as a list of branches (a search records those reads up front).
    /// </summary>
    public IReadOnlyList<Guid>? PersonalDataBranches => OrganisesEveryBranch ? null : OrganisedBranches;

    /// <summary>The same for contribution fields (<see cref="SeesContributions"/>): organised and treasured branches, null for every branch.</summary>
    public IReadOnlyList<Guid>? ContributionBranches => ListedBranches;

    /// <summary>
    /// May read the personal fields of every member of the branch (null: of every branch): admins everywhere,
    /// an organiser in the branches they organise. Filters and searches on personal fields stay within this scope.
    /// </summary>
    public bool ReadsPersonalDataOfBranch(Guid? branchId) => branchId is { } b ? OrganisesBranch(b) : OrganisesEveryBranch;

    /// <summary>Whether the actor may read the personal fields of every member of all these branches (null: every branch).</summary>
    public bool ReadsPersonalDataOfBranches(IReadOnlyCollection<Guid>? branchIds) =>
        branchIds is null ? OrganisesEveryBranch : branchIds.All(OrganisesBranch);

    /// <summary>
    /// May see (and read the personal fields of) an application: admins and organisation-wide organisers every one;
    /// an organiser the ones of a branch they organise, and pending ones for no branch (every organiser sees those).
    /// </summary>
    public bool SeesApplication(MembershipApplication application) =>
        application.BranchId is { } branch
            ? OrganisesBranch(branch)
            : OrganisesEveryBranch || (application.Status == ApplicationStatus.Pending && OrganisesSomeBranch);

    /// <summary>May approve the application into the branch: admins into any; an organiser of that branch, an application they see.</summary>
    public bool MayApprove(MembershipApplication application, Guid intoBranch) =>
        IsAdmin || (SeesApplication(application) && OrganisesBranch(intoBranch));

    /// <summary>The one branch the actor organises by a branch grant, if exactly one (where a decision needs "the organiser's branch").</summary>
    public Guid? OnlyOrganisedBranch => OrganisedBranches is [var only] && !OrganisesEveryBranch ? only : null;

    private IReadOnlyList<Guid> BranchesOf(string role) =>
        Grants.Where(g => g.Role == role && g.Kind == GrantScopeKind.Branch && g.ScopeId is not null).Select(g => g.ScopeId!.Value).Distinct().ToList();
}
