using Npgsql;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests.Ledger;

/// <summary>Erasure and the ledger: the ledger's document goes, the entries' account is masked in the stored events, Member.consents shows nothing.</summary>
public sealed class LedgerErasureTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    [Fact]
    public async Task An_erased_member_s_ledger_is_deleted_and_its_events_name_no_account()
    {
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var id = GlobalId.TryDecode(member.MemberId, "Member")!.Value;
        var changed = await MemberApi.MutateAsync(fixture, "updateMyCommunicationPreferences", "UpdateMyCommunicationPreferencesInput",
            new { email = false, sms = true, post = true }, member.Token, "member { id }");
        changed.UserErrors("updateMyCommunicationPreferences").ShouldBeEmpty(changed.Body);
        (await CountAsync("select count(*) from membership.mt_doc_memberledger where id = @id", id)).ShouldBe(1);
        (await CountAsync(EntriesNamingAnAccount, id)).ShouldBe(3); // the profile's three changes, made signed in

        var admin = await fixture.AdminTokenAsync();
        var erased = await fixture.Client.PostAsync("mutation($input: EraseMemberInput!) { eraseMember(input: $input) { erasedMemberId errors { code message } } }",
            new { input = new { memberId = member.MemberId } }, admin);
        erased.UserErrors("eraseMember").ShouldBeEmpty(erased.Body);

        (await CountAsync("select count(*) from membership.mt_doc_memberledger where id = @id", id)).ShouldBe(0);
        var deadline = DateTime.UtcNow.AddSeconds(20); // the events are masked after the erasure commits
        while (await CountAsync(EntriesNamingAnAccount, id) > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        (await CountAsync(EntriesNamingAnAccount, id)).ShouldBe(0);
        (await CountAsync("select count(*) from membership.mt_events where stream_id = @id and type = 'consent_changed'", id)).ShouldBe(5); // kept, masked

        var read = await MemberApi.MemberAsync(fixture, member.MemberId, admin, "erased consents { channel } programmeAccepted { version }");
        read.Data!["node"]!["erased"]!.GetValue<bool>().ShouldBeTrue();
        read.Data!["node"]!["consents"]!.AsArray().ShouldBeEmpty();
        read.Data!["node"]!["programmeAccepted"].ShouldBeNull();
    }

    private const string EntriesNamingAnAccount =
        "select count(*) from membership.mt_events where stream_id = @id and type = 'consent_changed' and data ->> 'By' is not null";

    private async Task<long> CountAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
