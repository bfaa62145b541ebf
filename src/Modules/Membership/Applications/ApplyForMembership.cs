using Marten;
using WorkersPower.Membership.Branches;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;

namespace WorkersPower.Membership.Applications;

/// <summary>A person applies to join (anonymous).</summary>
public sealed record ApplyForMembership(
    string GivenName,
    string FamilyName,
    string Email,
    string? Phone,
    string Postcode,
    string? Union,
    string? Workplace,
    IReadOnlyList<string>? Interests,
    string? Message,
    bool AcceptsProgramme,
    Money Contribution,
    ContributionFrequency ContributionFrequency,
    bool ConsentToContact,
    Guid? BranchId = null)
{
    /// <summary>Personal data stays out of logs (Wolverine logs a failed message with ToString).</summary>
    public override string ToString() => nameof(ApplyForMembership);
}

public sealed record ApplyForMembershipResult(MembershipApplication? Application, IReadOnlyList<UserError> Errors);

public static class ApplyForMembershipHandler
{
    public const int MaxInterests = 20;

    /// <summary>The pure part: every rule the application must meet, as user errors naming the fields.</summary>
    public static IReadOnlyList<UserError> Validate(ApplyForMembership c)
    {
        var rules = new TextRules();
        rules.Required("givenName", c.GivenName, 100, "Given name");
        rules.Required("familyName", c.FamilyName, 100, "Family name");
        if (string.IsNullOrWhiteSpace(c.Email)) rules.Fail("email", "Email is required.");
        else if (!Emails.IsValid(c.Email)) rules.Fail("email", "Email is not a valid email address.");
        if (c.Phone is not null && !string.IsNullOrWhiteSpace(c.Phone) && !IsPhone(c.Phone))
            rules.Fail("phone", "Phone may hold only digits, spaces, +, -, ( and ), 6 to 32 characters.");
        rules.Required("postcode", c.Postcode, 16, "Postcode");
        rules.Optional("union", c.Union, 200, "Union");
        rules.Optional("workplace", c.Workplace, 200, "Workplace");
        var interests = c.Interests ?? [];
        if (interests.Count > MaxInterests) rules.Fail("interests", $"At most {MaxInterests} interests.");
        for (var i = 0; i < Math.Min(interests.Count, MaxInterests); i++)
            rules.Required($"interests.{i}", interests[i], 60, "An interest");
        rules.OptionalText("message", c.Message, 4000, "Message");
        if (!c.AcceptsProgramme) rules.Fail("acceptsProgramme", "Joining means accepting the programme: acceptsProgramme must be true.");
        if (!c.ConsentToContact) rules.Fail("consentToContact", "We can only hold an application with consent to store and use these details: consentToContact must be true.");
        ValidateContribution(rules, "contribution", c.Contribution);
        return rules.Errors;
    }

    internal static void ValidateContribution(TextRules rules, string field, Money? money)
    {
        if (money is null)
        {
            rules.Fail(field, "A contribution is required.");
            return;
        }
        if (money.Amount <= 0) rules.Fail($"{field}.amount", "The contribution must be more than zero.");
        else if (money.Amount > 100_000) rules.Fail($"{field}.amount", "The contribution must be at most 100000.");
        else if (decimal.Round(money.Amount, 2) != money.Amount) rules.Fail($"{field}.amount", "The contribution may have at most two decimal places.");
        if (!Money.KnownCurrencies.Contains(money.Currency ?? ""))
            rules.Fail($"{field}.currency", $"Unknown currency '{money.Currency}': use an ISO-4217 code such as GBP or EUR.");
    }

    internal static bool IsPhone(string phone)
    {
        var p = phone.Trim();
        return p.Length is >= 6 and <= 32 && p.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '+' or '-' or '(' or ')')
            && p.Count(char.IsAsciiDigit) >= 6;
    }

    /// <summary>
    /// Stores the application, or, when the email belongs to a current member or to an application already
    /// waiting for a decision, answers exactly the same without storing anything: the answer never tells
    /// anyone whether an address belongs to a member or has applied. (The person behind the address is to be
    /// told by email once the platform sends mail; nothing is recorded about the attempt until then.)
    /// </summary>
    public static async Task<ApplyForMembershipResult> Handle(ApplyForMembership command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Validate(command);
        if (errors.Count > 0) return new ApplyForMembershipResult(null, errors);
        if (command.BranchId is { } branchId && await session.LoadAsync<Branch>(branchId, cancellationToken) is null)
            return new ApplyForMembershipResult(null, [UserError.NotFound("There is no such branch.", "input", "branchId")]);

        var emailKey = Emails.Key(command.Email);
        if (await session.LoadAsync<PendingApplicationEmail>(PendingApplicationEmail.IdOf(emailKey), cancellationToken) is not null)
            return NotStored(command, clock);

        var previous = await session.Query<MemberProfile>().FirstOrDefaultAsync(m => m.EmailKey == emailKey, cancellationToken);
        if (previous is { Status: not MembershipStatus.Resigned }) return NotStored(command, clock);

        var submitted = Submission(Guid.CreateVersion7(), command, clock.GetUtcNow(), previous?.Id);
        // Insert (not Store): a concurrent application with the same email fails on the primary key.
        session.Insert(new PendingApplicationEmail(PendingApplicationEmail.IdOf(emailKey), submitted.ApplicationId));
        session.Events.StartStream<MembershipApplication>(submitted.ApplicationId, submitted);
        return new ApplyForMembershipResult(MembershipApplicationProjection.FromSubmission(submitted, 0), []);
    }

    /// <summary>The answer to an application that is not stored: the same as a stored one's (a pending application nobody can list or reach).</summary>
    public static ApplyForMembershipResult NotStored(ApplyForMembership command, TimeProvider clock) =>
        new(MembershipApplicationProjection.FromSubmission(Submission(Guid.CreateVersion7(), command, clock.GetUtcNow(), null), 0), []);

    private static MembershipApplicationSubmitted Submission(Guid id, ApplyForMembership command, DateTimeOffset now, Guid? previousMemberId) =>
        new(id, new ApplicantDetails(
            command.GivenName.Trim(),
            command.FamilyName.Trim(),
            command.Email.Trim(),
            TextRules.Clean(command.Phone),
            command.Postcode.Trim().ToUpperInvariant(),
            TextRules.Clean(command.Union),
            TextRules.Clean(command.Workplace),
            (command.Interests ?? []).Select(i => i.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            command.Message,
            command.Contribution,
            command.ContributionFrequency), now, previousMemberId, command.BranchId);
}
