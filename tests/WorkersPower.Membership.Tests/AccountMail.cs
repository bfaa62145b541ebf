using WorkersPower.MailCatcher;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>What the account mail tests share.</summary>
internal static class AccountMail
{
    /// <summary>Waits for <paramref name="count"/> mails to <paramref name="address"/> with this subject.</summary>
    public static Task<IReadOnlyList<CaughtMail>> MailTo(SmtpCatcher catcher, string address, string subject, int count = 1) =>
        catcher.WaitForAsync(m => m.EnvelopeTo.Contains(address, StringComparer.OrdinalIgnoreCase) && m.Subject == subject, count);

    /// <summary>A moment for mails that should not come to have come, were they sent.</summary>
    public static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(1));

    /// <summary>The join flow with mail on: apply, approve, activate with the token from the invitation mail.</summary>
    public static async Task<MemberApi.Person> JoinAsync(MailFixture fixture)
    {
        var email = MembershipApi.UniqueEmail("member");
        var applicationId = await MembershipApi.ApplyAsync(fixture.Client, email);
        var approved = await fixture.Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId, branchId = await fixture.BranchAsync() } }, await fixture.AdminTokenAsync());
        approved.UserErrors("approveMembershipApplication").ShouldBeEmpty(approved.Body);
        var token = MailFixture.TokenIn((await MailTo(fixture.Catcher, email, "Welcome to Workers Power: set your password")).Single(), "/activate");
        var activated = await fixture.Client.PostAsync(MembershipApi.Activate, new { input = new { invitationToken = token, password = MemberApi.Password } });
        return new MemberApi.Person(approved["approveMembershipApplication.member.id"]!.GetValue<string>(), activated["activateAccount.accessToken"]!.GetValue<string>(), email);
    }

    /// <summary>An applyForMembership answer with what differs by nature between two applications (id, time, address) blanked.</summary>
    public static string Shape(string body, string email) =>
        System.Text.RegularExpressions.Regex.Replace(body.Replace(email, "EMAIL", StringComparison.OrdinalIgnoreCase),
            "\"(id|submittedAt)\":\"[^\"]*\"", "\"$1\":\"X\"");
}
