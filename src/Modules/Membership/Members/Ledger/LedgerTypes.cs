namespace WorkersPower.Membership.Members.Ledger;

/// <summary>One channel's consent as it stands, with its history.</summary>
public sealed record ConsentState(ConsentChannel Channel, bool Given, ConsentEntry? Latest, IReadOnlyList<ConsentEntry> History)
{
    /// <summary>
    /// Every channel's consent: email, SMS and post as the member's preferences stand (<see cref="MemberProfile.Communication"/>,
    /// which the ledger's entries keep), the join form's consent to contact as its last entry; each with its entries, oldest first.
    /// An erased member has none: their ledger is deleted with their data.
    /// </summary>
    public static IReadOnlyList<ConsentState> Of(MemberProfile member, MemberLedger? ledger) => member.Erased ? [] :
    [
        .. Enum.GetValues<ConsentChannel>().Select(channel =>
        {
            var history = ledger?.Consents.Where(c => c.Channel == channel).ToList() ?? [];
            var given = channel == ConsentChannel.Contact ? ledger?.Gives(channel) ?? false : ConsentRules.Of(member.Communication, channel);
            return new ConsentState(channel, given, history.LastOrDefault(), history);
        }),
    ];
}

/// <summary>The member's latest programme acceptance, and whether it is the programme's text in force now.</summary>
public sealed record ProgrammeAcceptanceView(ProgrammeAcceptanceEntry Latest, int? CurrentVersion)
{
    public bool Current => CurrentVersion is { } v && v == Latest.Version;
}

/// <summary>Member.consents and Member.programmeAccepted: personal, for the member, organisers of their branch and admins (reads by others recorded).</summary>
internal sealed class LedgerFields : IObjectTypeExtension
{
    public string TypeName => MemberType.TypeName;

    public void Extend(IObjectGraphType type, Func<object, Guid> idOf)
    {
        var member = (ObjectGraphType<MemberProfile>)type; // Membership's own type: its source is the member's profile
        member.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConsentType>>>>("consents")
            .Description("The member's consents, one per channel (CONTACT, EMAIL, SMS, POST): whether each is given now and every change of it, with its source and time. " +
                "Personal: the member, organisers of the member's branch and admins (reads by others are recorded); empty for everyone else.")
            .ResolveAsync(async ctx => await ReadAsync(ctx, ledger => ConsentState.Of(ctx.Source, ledger)) ?? []);
        member.Field<ProgrammeAcceptanceType>("programmeAccepted")
            .Description("The programme revision the member last accepted (on the join form or with acceptProgramme), and whether it is the current programme: " +
                "when `current` is false a new version awaits the member's acceptance. Null when none is recorded (members from before revisions were kept: " +
                "accept the current one with acceptProgramme). Personal: the member, organisers of the member's branch and admins (reads by others are recorded).")
            .ResolveAsync(async ctx => await ReadAsync(ctx, ledger => ledger?.LatestAcceptance) is { } latest
                ? new ProgrammeAcceptanceView(latest, (await CurrentProgrammeAsync(ctx))?.CurrentVersion)
                : null);
    }

    /// <summary>The member's ledger, for callers who may read the member's personal data (recorded when not the member), else null.</summary>
    private static async Task<T?> ReadAsync<T>(IResolveFieldContext<MemberProfile> ctx, Func<MemberLedger?, T?> value) where T : class
    {
        if (!await ctx.MayReadAsync((actor, member) => actor.SeesPersonal(member))) return null;
        var ledger = await ctx.LoadDocument<MemberLedger>(ctx.Store(), "membership.ledger", ctx.Source.Id, l => l.Id).GetResultAsync(ctx.CancellationToken);
        return value(ledger);
    }

    /// <summary>The programme's current revision, asked of Content once per request.</summary>
    private static Task<ProgrammeRevision?> CurrentProgrammeAsync(IResolveFieldContext ctx)
    {
        var programmes = ctx.RequestServices!.GetRequiredService<IProgrammeRevisions>();
        return ctx.BatchLoaders().Get<int, ProgrammeRevision>("membership.programme-current", async (_, ct) =>
                await programmes.CurrentAsync(ct) is { } current ? new Dictionary<int, ProgrammeRevision> { [0] = current } : [])
            .Load(0).GetResultAsync(ctx.CancellationToken);
    }
}

public sealed class ConsentChannelEnum : EnumerationGraphType<ConsentChannel>
{
    public ConsentChannelEnum() => Name = "ConsentChannel";
}

public sealed class ConsentSourceEnum : EnumerationGraphType<ConsentSource>
{
    public ConsentSourceEnum() => Name = "ConsentSource";
}

public sealed class ProgrammeAcceptanceSourceEnum : EnumerationGraphType<ProgrammeAcceptanceSource>
{
    public ProgrammeAcceptanceSourceEnum() => Name = "ProgrammeAcceptanceSource";
}

public sealed class ConsentType : ObjectGraphType<ConsentState>
{
    public ConsentType()
    {
        Name = "Consent";
        Description = "A member's consent on one channel: whether it is given now, and its ledger.";
        Field<NonNullGraphType<ConsentChannelEnum>>("channel").Description("The channel.").Resolve(ctx => ctx.Source.Channel);
        Field(x => x.Given).Description("Whether the consent is given now (for EMAIL, SMS and POST: as communicationPreferences says).");
        Field<DateTimeScalar>("since").Description("When it was last given or withdrawn (null: never recorded).").Resolve(ctx => ctx.Source.Latest?.At);
        Field<ConsentSourceEnum>("source").Description("Where it was last given or withdrawn (null: never recorded).").Resolve(ctx => ctx.Source.Latest?.Source);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConsentChangeType>>>>("history")
            .Description("Every time it was given or withdrawn, oldest first.").Resolve(ctx => ctx.Source.History);
    }
}

public sealed class ConsentChangeType : ObjectGraphType<ConsentEntry>
{
    public ConsentChangeType()
    {
        Name = "ConsentChange";
        Description = "One entry of a member's consent ledger.";
        Field(x => x.Given).Description("True: given; false: withdrawn.");
        Field<NonNullGraphType<ConsentSourceEnum>>("source").Description("Where (the join form, the profile, an unsubscribe link, the migration of earlier preferences).").Resolve(ctx => ctx.Source.Source);
        Field<NonNullGraphType<DateTimeScalar>>("at").Description("When (for the join form: when the application was sent).").Resolve(ctx => ctx.Source.At);
        Field<NonNullGraphType<BooleanGraphType>>("byMember")
            .Description("True when the member made it signed in (the profile); false when nobody signed in (the join form, an unsubscribe link, the migration).")
            .Resolve(ctx => ctx.Source.By is not null);
    }
}

public sealed class ProgrammeAcceptanceType : ObjectGraphType<ProgrammeAcceptanceView>
{
    public ProgrammeAcceptanceType()
    {
        Name = "ProgrammeAcceptance";
        Description = "Which revision of the programme a member accepted, when, and whether it is the programme in force now.";
        Field<NonNullGraphType<IdGraphType>>("page").Description("The programme page's global id (an Article of kind PAGE: read it with node(id:) or page(slug: \"programme\")).")
            .Resolve(ctx => GlobalId.Encode("Article", ctx.Source.Latest.PageId));
        Field<NonNullGraphType<IntGraphType>>("version").Description("The page version accepted (its revisions: Article.revisions).").Resolve(ctx => ctx.Source.Latest.Version);
        Field<NonNullGraphType<DateTimeScalar>>("acceptedAt").Description("When (for the join form: when the application was sent).").Resolve(ctx => ctx.Source.Latest.At);
        Field(x => x.Current).Description("Whether this is the programme's current version; false: a new version awaits the member's acceptance (acceptProgramme).");
        Field<IntGraphType>("currentVersion").Description("The programme's current version (null: there is no programme page).").Resolve(ctx => ctx.Source.CurrentVersion);
        Field<NonNullGraphType<ProgrammeAcceptanceSourceEnum>>("source").Description("Where it was accepted.").Resolve(ctx => ctx.Source.Latest.Source);
        Field("versionShown", x => x.Latest.VersionShown)
            .Description("True when the form or the member named this version; false when an older join form named none and the version current when the application was sent was recorded.");
    }
}
