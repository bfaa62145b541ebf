using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkersPower.Membership.Accounts;

/// <summary>
/// At every start-up, when Bootstrap:AdminEmail and Bootstrap:AdminPassword are set and no account has
/// that email, creates an ADMIN account with it. When the account exists nothing changes.
/// </summary>
internal sealed partial class BootstrapAdmin(
    IConfiguration configuration,
    IMembershipStore store,
    IPasswordHasher<Account> hasher,
    TimeProvider clock,
    ILogger<BootstrapAdmin> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var email = configuration["Bootstrap:AdminEmail"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) && string.IsNullOrWhiteSpace(password)) return;
        if (!Emails.IsValid(email))
            throw new InvalidOperationException("Bootstrap:AdminEmail is not a valid email address.");
        if (PasswordPolicy.Check(password, email) is { } weak)
            throw new InvalidOperationException($"Bootstrap:AdminPassword does not meet the password policy: {weak}");

        var key = Emails.Key(email!);
        await using var session = store.LightweightSession();
        if (await session.Query<Account>().AnyAsync(a => a.Email == key, cancellationToken))
        {
            LogExists(logger);
            return;
        }
        var account = new Account { Id = Guid.CreateVersion7(), Email = key, Roles = [Roles.Admin], CreatedAt = clock.GetUtcNow() };
        account.PasswordHash = hasher.HashPassword(account, password!);
        account.ActivatedAt = account.CreatedAt;
        session.Insert(account);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            LogCreated(logger);
        }
        catch (Exception e) when (WorkersPower.Platform.DatabaseErrors.IsUniqueViolation(e))
        {
            LogExists(logger); // another node created it at the same moment
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the bootstrap ADMIN account from Bootstrap:AdminEmail.")]
    private static partial void LogCreated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The bootstrap ADMIN account exists already; nothing changed.")]
    private static partial void LogExists(ILogger logger);
}
