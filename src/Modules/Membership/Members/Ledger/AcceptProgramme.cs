namespace WorkersPower.Membership.Members.Ledger;

/// <summary>acceptProgramme: the signed-in member accepts a version of the programme (a new one, once it changed).</summary>
[Description("Which version of the programme the member accepts.")]
public sealed record AcceptProgrammeInput(
    [property: Description("The programme page's version the member read and accepts (page(slug: \"programme\").version, or ProgrammeAcceptance.currentVersion). Only the current version can be accepted.")] int Version);

public sealed record AcceptProgramme(Guid MemberId, int Version, Actor Actor)
{
    public static readonly UserError NoProgramme = UserError.NotFound("There is no programme to accept.", "input", "version");

    public static readonly UserError NotCurrent = new(ErrorCodes.InvalidState, "This is not the programme's current version: read the programme again and accept the version it shows.", ["input", "version"]);

    /// <summary>
    /// The rules: only the member themself, a member not resigned nor erased; the version the member names must be the
    /// programme's current text (<paramref name="programme"/>, the revision shown at that version; older texts are not accepted
    /// anew); accepting the version already accepted last records nothing.
    /// </summary>
    public Decision Decide(MemberProfile? member, MemberLedger? ledger, ProgrammeRevision? programme, DateTimeOffset now)
    {
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (!Actor.IsSelf(member)) return MemberRules.NotYours;
        if (member.Status == MembershipStatus.Resigned) return Decision.Refuse(UserError.InvalidState("A former member does not accept the programme: apply to join again."));
        if (programme is null) return Decision.Refuse(NoProgramme);
        if (!programme.IsCurrent) return Decision.Refuse(NotCurrent);
        if (ledger?.LatestAcceptance is { } latest && latest.PageId == programme.PageId && latest.Version == programme.Version) return Decision.Unchanged;
        return Decision.Accept(new ProgrammeAccepted(member.Id, programme.PageId, programme.Version, ProgrammeAcceptanceSource.Member, VersionShown: true, Actor.AccountId, now));
    }
}

public static class AcceptProgrammeHandler
{
    public static async Task<CommandResult> Handle(AcceptProgramme command, IDocumentSession session, IProgrammeRevisions programmes, TimeProvider clock, CancellationToken ct)
    {
        var ledger = await session.LoadAsync<MemberLedger>(command.MemberId, ct);
        var programme = await programmes.CurrentAsync(ct) is { } current ? await programmes.FindAsync(current.PageId, command.Version, ct) : null;
        var (_, decision) = await session.DecideAsync<MemberProfile>(command.MemberId, member => command.Decide(member, ledger, programme, clock.GetUtcNow()), ct);
        return decision.ToResult(command.MemberId);
    }
}

internal sealed class AcceptProgrammeField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MemberPayloadType, AutoRegisteringInputObjectGraphType<AcceptProgrammeInput>>("acceptProgramme",
                "Accept the programme's current version (the signed-in member): recorded with the version and the time in the member's programmeAccepted and history. When the programme changes, members are not bound to the new text until they accept it. A version that is not the current one is INVALID_STATE.",
                "The version accepted.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<AcceptProgrammeInput>();
                var (actor, self) = await ctx.RequireMemberAsync();
                return await MemberPayload.RunAsync(ctx, new AcceptProgramme(self, input.Version, actor));
            });
}
