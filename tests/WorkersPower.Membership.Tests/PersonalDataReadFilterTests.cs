using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>The audit of personal-data reads filtered by reader (member id or account id), alone and with a member.</summary>
public sealed class PersonalDataReadFilterTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private const string Reads = """
        query($reader: ID, $member: ID) {
          personalDataReads(readerId: $reader, memberId: $member, first: 50) {
            totalCount nodes { memberId readerAccountId readerRoles reader { id } }
          }
        }
        """;

    [Fact]
    public async Task Reads_filter_by_reader_and_by_reader_and_member_together()
    {
        var admin = await fixture.AdminTokenAsync();
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var a = await MemberApi.JoinAsync(fixture, branch);
        var b = await MemberApi.JoinAsync(fixture, branch);
        var first = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var second = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");

        await MemberApi.MemberAsync(fixture, a.MemberId, first.Token, "email");
        await MemberApi.MemberAsync(fixture, b.MemberId, first.Token, "email");
        await MemberApi.MemberAsync(fixture, a.MemberId, second.Token, "email");

        var byFirst = (await fixture.Client.DataAsync(Reads, new { reader = first.MemberId, member = (string?)null }, admin))["personalDataReads"]!;
        byFirst["totalCount"]!.GetValue<int>().ShouldBe(2);
        var nodes = byFirst["nodes"]!.AsArray();
        nodes.Select(n => n!["reader"]!["id"]!.GetValue<string>()).ShouldAllBe(id => id == first.MemberId);
        nodes.Select(n => n!["memberId"]!.GetValue<string>()).ShouldBe([b.MemberId, a.MemberId]); // newest first
        MembershipApi.Strings(nodes[0]!["readerRoles"]).ShouldContain("ORGANISER");

        var both = (await fixture.Client.DataAsync(Reads, new { reader = first.MemberId, member = a.MemberId }, admin))["personalDataReads"]!;
        both["totalCount"]!.GetValue<int>().ShouldBe(1);
        both["nodes"]![0]!["memberId"]!.GetValue<string>().ShouldBe(a.MemberId);
        both["nodes"]![0]!["reader"]!["id"]!.GetValue<string>().ShouldBe(first.MemberId);

        // the member filter alone still sees both readers
        var ofA = (await fixture.Client.DataAsync(Reads, new { reader = (string?)null, member = a.MemberId }, admin))["personalDataReads"]!;
        ofA["nodes"]!.AsArray().Select(n => n!["reader"]?["id"]?.GetValue<string>()).ShouldContain(second.MemberId);
        ofA["nodes"]!.AsArray().Select(n => n!["reader"]?["id"]?.GetValue<string>()).ShouldContain(first.MemberId);

        var secondOfB = (await fixture.Client.DataAsync(Reads, new { reader = second.MemberId, member = b.MemberId }, admin))["personalDataReads"]!;
        secondOfB["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task The_reader_may_be_named_by_account_id_and_an_unknown_reader_lists_nothing()
    {
        var admin = await fixture.AdminTokenAsync();
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var member = await MemberApi.JoinAsync(fixture, branch);
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        await MemberApi.MemberAsync(fixture, member.MemberId, organiser.Token, "phone");

        var byMember = (await fixture.Client.DataAsync(Reads, new { reader = organiser.MemberId, member = member.MemberId }, admin))["personalDataReads"]!;
        var account = byMember["nodes"]![0]!["readerAccountId"]!.GetValue<string>();

        var byAccount = (await fixture.Client.DataAsync(Reads, new { reader = account, member = (string?)null }, admin))["personalDataReads"]!;
        byAccount["totalCount"]!.GetValue<int>().ShouldBe(1);
        byAccount["nodes"]![0]!["reader"]!["id"]!.GetValue<string>().ShouldBe(organiser.MemberId);

        // an admin without a member record is found by account id too
        await MemberApi.MemberAsync(fixture, member.MemberId, admin, "phone");
        var adminReads = (await fixture.Client.DataAsync(Reads, new { reader = (string?)null, member = member.MemberId }, admin))["personalDataReads"]!["nodes"]!.AsArray()
            .Where(n => n!["reader"] is null).Select(n => n!["readerAccountId"]!.GetValue<string>()).Distinct().ToList();
        adminReads.Count.ShouldBe(1);
        var byAdmin = (await fixture.Client.DataAsync(Reads, new { reader = adminReads[0], member = member.MemberId }, admin))["personalDataReads"]!;
        byAdmin["totalCount"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);
        byAdmin["nodes"]!.AsArray().ShouldAllBe(n => n!["readerAccountId"]!.GetValue<string>() == adminReads[0]);

        foreach (var unknown in new[] { "nonsense", Guid.NewGuid().ToString("N"), branch })
            (await fixture.Client.DataAsync(Reads, new { reader = unknown, member = (string?)null }, admin))["personalDataReads"]!["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Only_admins_read_the_audit_whatever_the_filter()
    {
        var branch = await fixture.BranchAsync();
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var treasurer = await MemberApi.JoinAsync(fixture, branch, "TREASURER");
        foreach (var token in new[] { organiser.Token, treasurer.Token })
            (await fixture.Client.PostAsync(Reads, new { reader = organiser.MemberId, member = (string?)null }, token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.Client.PostAsync(Reads, new { reader = organiser.MemberId, member = (string?)null })).ErrorCodes.ShouldNotBeEmpty();
    }
}
