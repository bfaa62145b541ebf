namespace WorkersPower.Membership.Applications;

/// <summary>applyForMembership: a person applies to join (no sign-in needed).</summary>
[Description("What a person gives when applying to join.")]
public sealed record ApplyForMembershipInput(
    [property: Description("Given name (up to 100 characters).")] string GivenName,
    [property: Description("Family name (up to 100 characters).")] string FamilyName,
    [property: Description("Email address: the organisation contacts the applicant here.")] string Email,
    [property: Description("Phone number (digits, spaces, +, -, parentheses).")] string? Phone,
    [property: Description("Postcode (up to 16 characters).")] string Postcode,
    [property: Description("Trade union, if any.")] string? Union,
    [property: Description("Workplace.")] string? Workplace,
    [property: Description("Areas of work, e.g. \"rank-and-file\", \"palestine\", \"anti-fascism\" (up to 20).")] IReadOnlyList<string>? Interests,
    [property: Description("Why they want to join (up to 4000 characters).")] string? Message,
    [property: Description("Must be true: joining means accepting the programme.")] bool AcceptsProgramme,
    [property: InputType(typeof(NonNullGraphType<MoneyInputType>)), Description("The regular contribution pledged (more than zero, a known currency).")] Money Contribution,
    [property: InputType(typeof(NonNullGraphType<ContributionFrequencyEnum>)), Description("How often the contribution is paid.")] ContributionFrequency ContributionFrequency,
    [property: Description("Must be true: the organisation stores and uses these details.")] bool ConsentToContact,
    [property: Id, Description("The branch the applicant wants to join (see branches); optional. Its organisers see the application; an unknown id is refused (NOT_FOUND).")] string? BranchId,
    [property: Id, Description("The programme page the form showed (page(slug: \"programme\").id), with programmeVersion; both or neither. Omitted (older forms): the version current at submission is recorded, marked as not shown by the form.")] string? ProgrammeId = null,
    [property: Description("The programme page's version the form showed (page(slug: \"programme\").version): the applicant accepts that revision. A version the programme never had is refused (NOT_FOUND).")] int? ProgrammeVersion = null)
{
    public override string ToString() => nameof(ApplyForMembershipInput); // personal data stays out of logs
}

public sealed record ApplyForMembership(string GivenName, string FamilyName, string Email, string? Phone, string Postcode, string? Union, string? Workplace,
    IReadOnlyList<string>? Interests, string? Message, bool AcceptsProgramme, Money Contribution, ContributionFrequency ContributionFrequency,
    bool ConsentToContact, Guid? BranchId = null, Guid? ProgrammePageId = null, int? ProgrammeVersion = null)
{
    /// <summary>The programme's page and version do not name a revision of the programme.</summary>
    public static readonly UserError NoSuchProgrammeVersion = UserError.NotFound("The programme has no such version: reload the form and read the programme again.", "input", "programmeVersion");

    /// <summary>Personal data stays out of logs (Wolverine logs a failed message with ToString).</summary>
    public override string ToString() => nameof(ApplyForMembership);

    /// <summary>Every rule the application's details must meet, as user errors naming the fields.</summary>
    public IReadOnlyList<UserError> Validate()
    {
        var rules = new TextRules();
        rules.Required("givenName", GivenName, 100, "Given name");
        rules.Required("familyName", FamilyName, 100, "Family name");
        if (string.IsNullOrWhiteSpace(Email)) rules.Fail("email", "Email is required.");
        else if (!Emails.IsValid(Email)) rules.Fail("email", "Email is not a valid email address.");
        if (Phone is not null && !string.IsNullOrWhiteSpace(Phone) && !ApplyForMembershipHandler.IsPhone(Phone))
            rules.Fail("phone", "Phone may hold only digits, spaces, +, -, ( and ), 6 to 32 characters.");
        rules.Required("postcode", Postcode, 16, "Postcode");
        rules.Optional("union", Union, 200, "Union");
        rules.Optional("workplace", Workplace, 200, "Workplace");
        var interests = Interests ?? [];
        if (interests.Count > ApplyForMembershipHandler.MaxInterests) rules.Fail("interests", $"At most {ApplyForMembershipHandler.MaxInterests} interests.");
        for (var i = 0; i < Math.Min(interests.Count, ApplyForMembershipHandler.MaxInterests); i++)
            rules.Required($"interests.{i}", interests[i], 60, "An interest");
        rules.OptionalText("message", Message, 4000, "Message");
        if (!AcceptsProgramme) rules.Fail("acceptsProgramme", "Joining means accepting the programme: acceptsProgramme must be true.");
        if (!ConsentToContact) rules.Fail("consentToContact", "We can only hold an application with consent to store and use these details: consentToContact must be true.");
        ApplyForMembershipHandler.ValidateContribution(rules, "contribution", Contribution);
        if ((ProgrammePageId is null) != (ProgrammeVersion is null))
            rules.Fail(ProgrammePageId is null ? "programmeId" : "programmeVersion", "Name the programme's page and its version together (or neither).");
        return rules.Errors;
    }

    /// <summary>
    /// The rules: valid details (<see cref="Validate"/>) and a branch that exists, if one is chosen. When the email belongs to
    /// a current member (<paramref name="memberWithEmail"/> not resigned) or to an application already waiting, nothing is
    /// recorded and the answer is the same as a stored one's: it never tells whether an address belongs to a member or has
    /// applied. A resigned member's application renews their record when approved. The programme: the revision the form
    /// named (<paramref name="programme"/>, read from Content for <see cref="ProgrammePageId"/> and <see cref="ProgrammeVersion"/>)
    /// must be one the programme had, and is recorded as accepted (a revision older than the current one too: the member is
    /// then asked to accept the new text); a form that names none records the revision current at submission, as not shown.
    /// </summary>
    public Decision Decide(bool branchExists, bool applicationWaiting, MemberProfile? memberWithEmail, Guid applicationId, DateTimeOffset now, ProgrammeRevision? programme = null)
    {
        if (Validate() is { Count: > 0 } errors) return Decision.Refuse(errors);
        if (BranchId is not null && !branchExists) return Decision.Refuse(BranchRules.NoSuchBranch);
        if (ProgrammeVersion is not null && (programme is null || programme.PageId != ProgrammePageId)) return Decision.Refuse(NoSuchProgrammeVersion);
        if (applicationWaiting || memberWithEmail is { Status: not MembershipStatus.Resigned }) return Decision.Unchanged;
        var accepted = programme is null ? null : new AcceptedProgramme(programme.PageId, programme.Version, VersionShown: ProgrammeVersion is not null);
        return Decision.Accept(Submission(applicationId, now, memberWithEmail?.Id) with { Programme = accepted });
    }

    /// <summary>
    /// Whom to tell by mail, once <see cref="Decide"/> accepted: the application's applicant when one was stored; else the
    /// current member the email belongs to (someone applied with their address); nobody when an application from the
    /// address is already waiting (its applicant was told when it arrived).
    /// </summary>
    public object? MailFor(Decision decision, bool applicationWaiting, MemberProfile? memberWithEmail) => decision switch
    {
        { Accepted: false } => null,
        { Events: [MembershipApplicationSubmitted submitted] } => new SendApplicationReceivedMail(submitted.ApplicationId),
        _ when !applicationWaiting && memberWithEmail is { Status: not MembershipStatus.Resigned, Erased: false } member => new SendAlreadyAMemberMail(member.Id),
        _ => null,
    };

    internal MembershipApplicationSubmitted Submission(Guid id, DateTimeOffset now, Guid? previousMemberId) =>
        new(id, new ApplicantDetails(GivenName.Trim(), FamilyName.Trim(), Email.Trim(), TextRules.Clean(Phone), Postcode.Trim().ToUpperInvariant(),
            TextRules.Clean(Union), TextRules.Clean(Workplace), (Interests ?? []).Select(i => i.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Message, Contribution, ContributionFrequency), now, previousMemberId, BranchId);
}

public sealed record ApplyForMembershipResult(MembershipApplication? Application, IReadOnlyList<UserError> Errors);

public static class ApplyForMembershipHandler
{
    public const int MaxInterests = 20;

    /// <summary>
    /// Stores the application, or, when the rules say nothing is to be recorded, answers exactly the same without storing
    /// anything. With mail on, the person behind the address is told by mail (<see cref="ApplyForMembership.MailFor"/>),
    /// which the answer never shows.
    /// </summary>
    public static async Task<(ApplyForMembershipResult, OutgoingMessages)> Handle(
        ApplyForMembership command, IDocumentSession session, Mailer mailer, IProgrammeRevisions programmes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outgoing = new OutgoingMessages();
        if (command.Validate() is { Count: > 0 } invalid) return (new ApplyForMembershipResult(null, invalid), outgoing); // before any read
        var branchExists = command.BranchId is not { } branchId || await session.LoadAsync<Branch>(branchId, cancellationToken) is not null;
        var emailKey = Emails.Key(command.Email);
        var waiting = await session.LoadAsync<PendingApplicationEmail>(PendingApplicationEmail.IdOf(emailKey), cancellationToken) is not null;
        var member = waiting ? null : await session.Query<MemberProfile>().FirstOrDefaultAsync(m => m.EmailKey == emailKey, cancellationToken);

        var programme = command is { ProgrammePageId: { } pageId, ProgrammeVersion: { } version }
            ? await programmes.FindAsync(pageId, version, cancellationToken)
            : await programmes.CurrentAsync(cancellationToken);

        var decision = command.Decide(branchExists, waiting, member, Guid.CreateVersion7(), clock.GetUtcNow(), programme);
        if (!decision.Accepted) return (new ApplyForMembershipResult(null, decision.Errors), outgoing);
        if (mailer.Enabled && command.MailFor(decision, waiting, member) is { } mail) outgoing.Add(mail);
        if (decision.Events is not [MembershipApplicationSubmitted submitted]) return (NotStored(command, clock), outgoing);
        // Insert (not Store): a concurrent application with the same email fails on the primary key.
        session.Insert(new PendingApplicationEmail(PendingApplicationEmail.IdOf(emailKey), submitted.ApplicationId));
        session.Events.StartStream<MembershipApplication>(submitted.ApplicationId, submitted);
        return (new ApplyForMembershipResult(MembershipApplicationProjection.FromSubmission(submitted, 0), []), outgoing);
    }

    /// <summary>The answer to an application that is not stored: the same as a stored one's (a pending application nobody can list or reach).</summary>
    public static ApplyForMembershipResult NotStored(ApplyForMembership command, TimeProvider clock) =>
        new(MembershipApplicationProjection.FromSubmission(command.Submission(Guid.CreateVersion7(), clock.GetUtcNow(), null), 0), []);

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
}

public sealed record ApplyForMembershipPayload(MembershipApplication? Application) : Payload;

public sealed class ApplyForMembershipPayloadType : PayloadType<ApplyForMembershipPayload>
{
    public ApplyForMembershipPayloadType() : base("ApplyForMembershipPayload", "The application as received, or why it was refused.") =>
        Field<MembershipApplicationType>("application").Description("The application, now waiting for a decision (the answer is the same whether or not the email belongs to a member or to an application already waiting).").Resolve(ctx => ctx.Source.Application);
}

internal sealed class ApplyForMembershipField : IMutationField
{
    /// <summary>The same email applying twice at the same moment: answered as any application from an email already waiting (the errors are not shown).</summary>
    private static readonly RaceAnswers Races = new(UserError.Conflict("Apply again."), UserError.Conflict("Apply again."));

    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<ApplyForMembershipPayloadType, AutoRegisteringInputObjectGraphType<ApplyForMembershipInput>>("applyForMembership",
                "Apply to join (no sign-in needed). Limited per client address.", "The application.")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<ApplyForMembershipInput>();
                var services = ctx.RequestServices!;
                if (!services.GetRequiredService<ApplicationRateLimiter>().TryAcquire(ctx.ClientAddress()))
                    return new ApplyForMembershipPayload(null) { Errors = [new UserError(ErrorCodes.RateLimited, "Too many applications from this address: try again later.")] };
                Guid? branchId = string.IsNullOrEmpty(input.BranchId)
                    ? null
                    : GlobalId.TryDecode(input.BranchId, BranchType.TypeName) ?? Guid.Empty; // a malformed id is an unknown branch
                Guid? programmeId = string.IsNullOrEmpty(input.ProgrammeId)
                    ? null
                    : GlobalId.TryDecode(input.ProgrammeId, "Article") ?? Guid.Empty; // Content's page ids; a malformed one names no revision
                var command = new ApplyForMembership(input.GivenName, input.FamilyName, input.Email, input.Phone, input.Postcode, input.Union, input.Workplace,
                    input.Interests, input.Message, input.AcceptsProgramme, input.Contribution, input.ContributionFrequency, input.ConsentToContact, branchId,
                    programmeId, input.ProgrammeVersion);
                var result = await ctx.InvokeAsync(command, Races, _ => ApplyForMembershipHandler.NotStored(command, services.GetRequiredService<TimeProvider>()));
                if (result.Application is { } application) services.GetRequiredService<RequestActor>().SubmittedApplication(application.Id);
                return new ApplyForMembershipPayload(result.Application) { Errors = result.Errors };
            });
}
