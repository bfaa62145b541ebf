using Npgsql;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>Erasure leaves nothing findable: the whole database is searched for the person afterwards.</summary>
public sealed class ErasureTests(ErasureFixture fixture) : IClassFixture<ErasureFixture>
{
    [Fact]
    public async Task After_an_erasure_no_schema_table_or_column_holds_the_persons_name_email_or_phone()
    {
        var person = await ErasureScenario.CreateAsync(fixture);

        // the hard cases are really there before: a dead letter carrying the new name, the earlier rejected application
        var before = await PersonalDataScan.FindAsync(fixture.ConnectionString, person.Needles);
        before.ShouldContain(f => f.Table.Contains("dead_letters") && f.Needle == person.RenamedFamilyName);
        before.ShouldContain(f => f.Needle == person.FirstEmail && f.Table.Contains("membershipapplication"));
        before.ShouldContain(f => f.Needle == person.Phone && f.Table.Contains("mt_events"));

        await ErasureScenario.EraseAsync(fixture, person);
        await PersonalDataScan.ShouldHoldNoneAsync(fixture.ConnectionString, person.Needles);

        // the notices the member was sent are gone; the pending re-application is closed
        var memberId = GlobalId.TryDecode(person.MemberId, "Member")!.Value;
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var notices = new NpgsqlCommand("select count(*) from campaigns.mt_doc_membernotice where member_id = @id", connection);
        notices.Parameters.AddWithValue("id", memberId);
        ((long)(await notices.ExecuteScalarAsync())!).ShouldBe(0);
        var pending = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on MembershipApplication { status givenName email } } }",
            new { id = person.PendingApplicationId }, await fixture.AdminTokenAsync());
        pending["node"]!["status"]!.GetValue<string>().ShouldBe("REJECTED");
    }
}
