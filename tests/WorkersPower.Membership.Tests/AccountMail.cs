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
    public static async Task<MemberApi.Person> JoinAsync(MailFixture fixture) => await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());

    /// <summary>An applyForMembership answer with what differs by nature between two applications (id, time, address) blanked.</summary>
    public static string Shape(string body, string email) =>
        System.Text.RegularExpressions.Regex.Replace(body.Replace(email, "EMAIL", StringComparison.OrdinalIgnoreCase),
            "\"(id|submittedAt)\":\"[^\"]*\"", "\"$1\":\"X\"");
}
