using System.Security.Claims;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>Applying, listing and deciding applications, with every refusal.</summary>
public sealed class ApplicationTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private GraphQLClient Client => fixture.Client;

    private async Task<int> ApplicationCountAsync(string? status = null)
    {
        var data = await Client.DataAsync(MembershipApi.Applications, new { status, first = 0 }, await fixture.AdminTokenAsync());
        return data["membershipApplications"]!["totalCount"]!.GetValue<int>();
    }

    [Fact]
    public async Task A_bad_application_names_every_field_at_fault_and_stores_nothing()
    {
        var before = await ApplicationCountAsync();
        var input = MembershipApi.Application("not-an-email");
        input["givenName"] = "  ";
        input["postcode"] = "";
        input["phone"] = "call me";
        input["acceptsProgramme"] = false;
        input["consentToContact"] = false;
        input["contribution"] = new { amount = "0", currency = "XYZ" };
        var response = await Client.PostAsync(MembershipApi.Apply, new { input });
        var errors = response.UserErrors("applyForMembership");
        errors.ShouldAllBe(e => e.Code == "VALIDATION");
        errors.Select(e => e.Field).ShouldBe(
            ["input.givenName", "input.email", "input.phone", "input.postcode", "input.acceptsProgramme", "input.consentToContact",
             "input.contribution.amount", "input.contribution.currency"], ignoreOrder: true);
        response["applyForMembership.application"].ShouldBeNull();
        (await ApplicationCountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("-5", "GBP", "input.contribution.amount")]
    [InlineData("1.234", "GBP", "input.contribution.amount")]
    [InlineData("10", "gbp", "input.contribution.currency")]
    [InlineData("10", "", "input.contribution.currency")]
    public async Task A_contribution_must_be_positive_in_a_known_currency(string amount, string currency, string field)
    {
        var input = MembershipApi.Application(MembershipApi.UniqueEmail());
        input["contribution"] = new { amount, currency };
        var errors = (await Client.PostAsync(MembershipApi.Apply, new { input })).UserErrors("applyForMembership");
        errors.Single().Field.ShouldBe(field);
    }

    [Fact]
    public async Task A_missing_required_field_is_a_GraphQL_validation_error()
    {
        var input = MembershipApi.Application(MembershipApi.UniqueEmail());
        input.Remove("acceptsProgramme");
        var response = await Client.PostAsync(MembershipApi.Apply, new { input });
        response.Data.ShouldBeNull();
        response.Errors.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_second_pending_application_with_the_same_email_is_answered_alike_and_not_stored()
    {
        var email = MembershipApi.UniqueEmail();
        await MembershipApi.ApplyAsync(Client, email);
        var before = await ApplicationCountAsync();
        var again = await Client.PostAsync(MembershipApi.Apply, new { input = MembershipApi.Application("  " + email.ToUpperInvariant() + " ") });
        again.UserErrors("applyForMembership").ShouldBeEmpty();
        again["applyForMembership.application.status"]!.GetValue<string>().ShouldBe("PENDING");
        (await ApplicationCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Concurrent_applications_with_one_email_store_exactly_one()
    {
        var email = MembershipApi.UniqueEmail();
        var before = await ApplicationCountAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            fixture.NewClient().PostAsync(MembershipApi.Apply, new { input = MembershipApi.Application(email) })));
        // every one is answered as received (none tells that the email applied already), one is stored
        responses.ShouldAllBe(r => r.UserErrors("applyForMembership").Count == 0);
        (await ApplicationCountAsync()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task After_a_rejection_the_same_person_may_apply_again()
    {
        var email = MembershipApi.UniqueEmail();
        var id = await MembershipApi.ApplyAsync(Client, email);
        var rejected = await Client.PostAsync(MembershipApi.Reject, new { input = new { applicationId = id, reason = "Not in our area yet" } }, await fixture.AdminTokenAsync());
        rejected.UserErrors("rejectMembershipApplication").ShouldBeEmpty();
        rejected["rejectMembershipApplication.application.status"]!.GetValue<string>().ShouldBe("REJECTED");
        rejected["rejectMembershipApplication.application.rejectionReason"]!.GetValue<string>().ShouldBe("Not in our area yet");
        rejected["rejectMembershipApplication.application.decidedAt"].ShouldNotBeNull();
        await MembershipApi.ApplyAsync(Client, email);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason()
    {
        var id = await MembershipApi.ApplyAsync(Client, MembershipApi.UniqueEmail());
        var response = await Client.PostAsync(MembershipApi.Reject, new { input = new { applicationId = id, reason = " " } }, await fixture.AdminTokenAsync());
        var error = response.UserErrors("rejectMembershipApplication").Single();
        error.Code.ShouldBe("VALIDATION");
        error.Field.ShouldBe("input.reason");
    }

    [Fact]
    public async Task Deciding_twice_is_refused()
    {
        var admin = await fixture.AdminTokenAsync();
        var id = await MembershipApi.ApplyAsync(Client, MembershipApi.UniqueEmail());
        await MembershipApi.ApproveAsync(Client, admin, id, await fixture.BranchAsync());

        var again = await Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId = id, branchId = await fixture.BranchAsync() } }, admin);
        again.UserErrors("approveMembershipApplication").Single().Code.ShouldBe("INVALID_STATE");
        var reject = await Client.PostAsync(MembershipApi.Reject, new { input = new { applicationId = id, reason = "Changed our minds" } }, admin);
        reject.UserErrors("rejectMembershipApplication").Single().Code.ShouldBe("INVALID_STATE");
    }

    [Fact]
    public async Task Two_organisers_deciding_one_application_at_once_give_one_decision()
    {
        var admin = await fixture.AdminTokenAsync();
        var branch = await fixture.BranchAsync();
        var id = await MembershipApi.ApplyAsync(Client, MembershipApi.UniqueEmail());
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            fixture.NewClient().PostAsync(MembershipApi.Approve, new { input = new { applicationId = id, branchId = branch } }, admin)));
        var outcomes = responses.Select(r => r.UserErrors("approveMembershipApplication")).ToList();
        outcomes.Count(e => e.Count == 0).ShouldBe(1);
        outcomes.Where(e => e.Count > 0).ShouldAllBe(e => e.Single().Code == "CONFLICT" || e.Single().Code == "INVALID_STATE");
    }

    [Fact]
    public async Task Approving_into_an_unknown_branch_or_an_unknown_application_is_refused()
    {
        var admin = await fixture.AdminTokenAsync();
        var id = await MembershipApi.ApplyAsync(Client, MembershipApi.UniqueEmail());
        var unknownBranch = Platform.GlobalId.Encode("Branch", Guid.NewGuid());
        var response = await Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId = id, branchId = unknownBranch } }, admin);
        var error = response.UserErrors("approveMembershipApplication").Single();
        error.Code.ShouldBe("NOT_FOUND");
        error.Field.ShouldBe("input.branchId");

        var unknownApplication = Platform.GlobalId.Encode("MembershipApplication", Guid.NewGuid());
        response = await Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId = unknownApplication, branchId = await fixture.BranchAsync() } }, admin);
        response.UserErrors("approveMembershipApplication").Single().Code.ShouldBe("NOT_FOUND");

        response = await Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId = "garbage", branchId = await fixture.BranchAsync() } }, admin);
        response.UserErrors("approveMembershipApplication").Single().Code.ShouldBe("NOT_FOUND");
    }

    [Fact]
    public async Task Only_organisers_and_admins_list_and_decide_applications()
    {
        var id = await MembershipApi.ApplyAsync(Client, MembershipApi.UniqueEmail());
        var anonymous = await Client.PostAsync(MembershipApi.Applications, new { first = 5 });
        anonymous.ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
        anonymous.Data.ShouldBeNull();

        var (_, memberToken, _) = await MembershipApi.JoinAsync(fixture, await fixture.BranchAsync());
        var asMember = await Client.PostAsync(MembershipApi.Applications, new { first = 5 }, memberToken);
        asMember.ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var approveAsMember = await Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId = id, branchId = await fixture.BranchAsync() } }, memberToken);
        approveAsMember.ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var rejectAnonymous = await Client.PostAsync(MembershipApi.Reject, new { input = new { applicationId = id, reason = "x" } });
        rejectAnonymous.ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);

        var organiser = (await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER")).Token;
        var asOrganiser = await Client.DataAsync(MembershipApi.Applications, new { first = 5 }, organiser);
        asOrganiser["membershipApplications"]!["totalCount"]!.GetValue<int>().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Applications_page_newest_first_and_filter_by_status()
    {
        var admin = await fixture.AdminTokenAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await MembershipApi.ApplyAsync(Client, MembershipApi.UniqueEmail($"page{i}")));
        await MembershipApi.ApproveAsync(Client, admin, ids[4], await fixture.BranchAsync());

        var seen = new List<string>();
        string? after = null;
        var pending = await ApplicationCountAsync("PENDING");
        do
        {
            var data = await Client.DataAsync(MembershipApi.Applications, new { status = "PENDING", first = 2, after }, admin);
            var connection = data["membershipApplications"]!;
            connection["totalCount"]!.GetValue<int>().ShouldBe(pending);
            var edges = connection["edges"]!.AsArray();
            edges.ShouldAllBe(e => e!["node"]!["status"]!.GetValue<string>() == "PENDING");
            seen.AddRange(edges.Select(e => e!["node"]!["id"]!.GetValue<string>()));
            after = connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? connection["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        seen.Count.ShouldBe(pending);
        seen.Distinct().Count().ShouldBe(pending);
        seen.ShouldNotContain(ids[4]);
        var mine = seen.Where(ids.Contains).ToList();
        mine.ShouldBe([ids[3], ids[2], ids[1], ids[0]]);
    }

    [Fact]
    public async Task A_page_larger_than_100_is_refused()
    {
        var response = await Client.PostAsync(MembershipApi.Applications, new { first = 101 }, await fixture.AdminTokenAsync());
        response.ErrorCodes.ShouldBe(["BAD_USER_INPUT"]);
    }

    [Fact]
    public async Task A_cursor_from_elsewhere_is_refused()
    {
        var response = await Client.PostAsync(MembershipApi.Applications, new { first = 5, after = "not-a-cursor" }, await fixture.AdminTokenAsync());
        response.ErrorCodes.ShouldBe(["BAD_USER_INPUT"]);
    }
}
