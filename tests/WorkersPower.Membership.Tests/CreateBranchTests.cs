using WorkersPower.Membership.Branches;
using WorkersPower.Platform;

namespace WorkersPower.Membership.Tests;

/// <summary>createBranch's rules, Given whether the name is taken / When founding / Then: no database.</summary>
public sealed class CreateBranchTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid(), Admin = Guid.NewGuid();

    [Fact]
    public void A_branch_is_founded_with_its_name_and_region_tidied() =>
        new CreateBranch(" North London ", "  ", Admin).Decide(nameTaken: false, Id, Now).Events.ShouldBe([new BranchCreated(Id, "North London", null, Admin, Now)]);

    [Fact]
    public void A_name_in_use_is_refused()
    {
        var error = new CreateBranch("North London", null, Admin).Decide(nameTaken: true, Id, Now).Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.AlreadyExists);
        error.Message.ShouldBe("A branch named 'North London' exists already.");
    }

    [Fact]
    public void A_missing_or_over_long_name_or_region_is_refused()
    {
        new CreateBranch(" ", null, Admin).Decide(false, Id, Now).Errors.ShouldHaveSingleItem().Field.ShouldBe(["input", "name"]);
        new CreateBranch(new string('n', 101), new string('r', 101), Admin).Decide(false, Id, Now).Errors.Select(e => e.Field![1]).ShouldBe(["name", "region"]);
    }

    [Fact]
    public void Names_are_compared_whatever_their_case_and_spaces() => BranchRules.KeyOf(" North London ").ShouldBe(BranchRules.KeyOf("north london"));
}
