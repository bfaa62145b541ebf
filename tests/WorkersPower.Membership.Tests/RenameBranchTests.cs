using WorkersPower.Membership.Branches;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>renameBranch's rules, Given the branch's events and whether another branch has the name / When renaming / Then: no database.</summary>
public sealed class RenameBranchTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid(), Admin = Guid.NewGuid();

    private static Branch Branch(params object[] later) =>
        Given.Events<BranchProjection, Branch>([new BranchCreated(Id, "North London", "London", Admin, Now.AddYears(-1)), .. later]);

    private static Decision When(Branch? branch, string name = "Camden", string? region = "London", bool taken = false) =>
        new RenameBranch(Id, name, region, Admin).Decide(branch, taken, Now);

    [Fact]
    public void A_branch_is_renamed_or_its_region_changed()
    {
        When(Branch()).Events.ShouldBe([new BranchRenamed(Id, "Camden", "London", Admin, Now)]);
        When(Branch(new BranchRenamed(Id, "Camden", "London", Admin, Now)), name: " Camden ", region: null).Events
            .ShouldBe([new BranchRenamed(Id, "Camden", null, Admin, Now)]);
    }

    [Fact]
    public void An_unknown_branch_is_refused_after_the_text_rules()
    {
        When(null).Errors.ShouldBe([BranchRules.NoSuchBranch]);
        When(null, name: "").Errors.ShouldHaveSingleItem().Field.ShouldBe(["input", "name"]);
    }

    [Fact]
    public void The_name_of_another_branch_is_refused() =>
        When(Branch(), taken: true).Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.AlreadyExists);
}
