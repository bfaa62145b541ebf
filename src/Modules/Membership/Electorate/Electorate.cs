namespace WorkersPower.Membership.Electorate;

/// <summary>
/// Membership's answer to <see cref="IElectorate"/> (the Decisions module's one question to Membership). The
/// electorate at an instant is one SQL statement over the standing intervals (<see cref="StandingIntervalProjection"/>,
/// the table behind <c>membersAsOf</c>), never a replay of members' streams; the arrears, when a limit is asked for,
/// come in the same statement from each candidate's pledges and payments and are counted by
/// <see cref="ElectorArrears"/> with the member's own <see cref="ContributionLedger"/>, as <c>Member.asOf</c> counts them.
/// Ids, branches, standings and money only: no personal data leaves this class but the display names.
/// </summary>
internal sealed class MembershipElectorate(IMembershipStore store, SiteTimeZone zone) : IElectorate
{
    private const string Profiles = MembershipModule.Schema + ".mt_doc_memberprofile";
    private const string Events = MembershipModule.Schema + ".mt_events";

    public async Task<IReadOnlyList<Guid>> MembersAsync(Guid? branchId, DateTimeOffset at, int? maxMonthsInArrears, CancellationToken cancellationToken)
    {
        var utc = at.ToUniversalTime();
        var branch = branchId is null ? "" : "and i.branch_id = ^";
        // the members ACTIVE at the instant (in the branch; the index of a branch's ACTIVE intervals), less the erased
        // (an anti-join on the few erased documents, by the index on the erasure mark: no member document is read)
        var candidates = $"""
            select i.member_id from {StandingIntervalProjection.Table} i
            where i.standing = 'Active' {branch} and i.from_at <= ^ and (i.to_at is null or i.to_at > ^)
              and not exists (select 1 from {Profiles} p where p.id = i.member_id and p.erased)
            """;
        object[] where = branchId is { } b ? [b, utc, utc] : [utc, utc];
        await using var session = store.QuerySession();
        if (maxMonthsInArrears is not { } max)
            return await session.AdvancedSql.QueryAsync<Guid>('^', $"select m.member_id from ({candidates}) m order by m.member_id", cancellationToken, where);

        var day = zone.DayOf(utc);
        var names = LedgerEventNames();
        var rows = await session.AdvancedSql.QueryAsync<LedgerRow>('^', LedgerSql(candidates, names), cancellationToken, [.. where, utc, day, utc]);
        return rows.Where(r => ElectorArrears.MonthsInArrears(r.Pledges ?? [], r.Paid, day) <= max).Select(r => r.MemberId).ToList();
    }

    /// <summary>
    /// One member: their stream folded to the instant by <see cref="MemberSnapshotFold"/>, exactly what <c>Member.asOf</c>
    /// shows (a member's stream is short; the electorate's statement above agrees with it, the tests hold them together).
    /// </summary>
    public async Task<ElectorStanding?> StandingAsync(Guid memberId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var utc = at.ToUniversalTime();
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(memberId, token: cancellationToken);
        return ElectorArrears.StandingOf(memberId, events, utc, zone.DayOf(utc));
    }

    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> memberIds, CancellationToken cancellationToken)
    {
        if (memberIds.Count == 0) return new Dictionary<Guid, string>();
        await using var session = store.QuerySession();
        // the two name fields and the erasure mark, nothing else of the document
        var rows = await session.AdvancedSql.QueryAsync<NameRow>('^', $"""
            select json_build_object('Id', p.id, 'GivenName', p.data->>'GivenName', 'FamilyName', p.data->>'FamilyName', 'Erased', coalesce(p.erased, false))
            from {Profiles} p where p.id = any(^)
            """, cancellationToken, memberIds.Distinct().ToArray());
        return rows.ToDictionary(r => r.Id, r => r.Erased ? ElectorArrears.ErasedName : $"{r.GivenName} {r.FamilyName}");
    }

    /// <summary>Marten's names (the type column of its events table) of the events that make a member's ledger.</summary>
    private (string Started, string Renewed, string Pledged, string Paid) LedgerEventNames()
    {
        var known = store.Options.Events.AllKnownEventTypes();
        string NameOf(Type type)
        {
            var name = known.FirstOrDefault(t => t.EventType == type)?.EventTypeName
                ?? throw new InvalidOperationException($"The event store does not know {type.Name}.");
            // inlined below as SQL literals: Marten's names are snake-case identifiers
            return name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') ? name
                : throw new InvalidOperationException($"Unexpected event type name for {type.Name}.");
        }
        return (NameOf(typeof(MembershipStarted)), NameOf(typeof(MembershipRenewed)), NameOf(typeof(ContributionPledged)), NameOf(typeof(ContributionPaymentRecorded)));
    }

    /// <summary>
    /// The candidates with their ledgers at the instant, as <see cref="MemberSnapshotFold"/> makes them: the last
    /// joining or rejoining that happened by then starts the ledger (a rejoining starts a new one); the pledges after
    /// it in stream order that happened by then; the payments after it in stream order paid on or before the day,
    /// whenever they were recorded. The candidates' ledger events are read by the events table's stream index, only
    /// the fields the ledger needs taken out of them, in one pass (a window names each member's last start).
    /// Parameters after the candidates': at, day, at.
    /// </summary>
    private static string LedgerSql(string candidates, (string Started, string Renewed, string Pledged, string Paid) n) => $"""
        with m as materialized ({candidates})
        select json_build_object('MemberId', x.stream_id,
          'Pledges', json_agg(json_build_object('At', x.occurred, 'Contribution', x.money, 'Frequency', x.frequency) order by x.version)
            filter (where x.type <> '{n.Paid}' and x.version >= x.start and x.occurred <= ^),
          'Paid', coalesce(sum((x.money->>'Amount')::numeric) filter (where x.type = '{n.Paid}' and x.version > x.start and x.paid_on <= ^), 0))
        from (
          select ev.*, max(ev.version) filter (where ev.type in ('{n.Started}', '{n.Renewed}') and ev.occurred <= ^) over (partition by ev.stream_id) as start
          from (
            select e.stream_id, e.version, e.type,
              case e.type when '{n.Started}' then (e.data->>'StartedAt')::timestamptz
                          when '{n.Paid}' then null
                          else (e.data->>'At')::timestamptz end as occurred,
              coalesce(e.data->'Contribution', e.data->'Amount') as money,
              coalesce(e.data->>'ContributionFrequency', e.data->>'Frequency') as frequency,
              (e.data->>'PaidOn')::date as paid_on
            from {Events} e join m on e.stream_id = m.member_id
            where e.type in ('{n.Started}', '{n.Renewed}', '{n.Pledged}', '{n.Paid}')) ev
        ) x
        group by x.stream_id
        order by x.stream_id
        """;

    private sealed record LedgerRow(Guid MemberId, List<LedgerPledge>? Pledges, decimal Paid);

    private sealed record NameRow(Guid Id, string? GivenName, string? FamilyName, bool Erased);
}

/// <summary>One pledge in a member's ledger: when it was made, how much, how often.</summary>
public sealed record LedgerPledge(DateTimeOffset At, Money Contribution, ContributionFrequency Frequency);

/// <summary>The electorate's rules, pure: arrears from a ledger's pledges and payments, and one member's standing at an instant.</summary>
public static class ElectorArrears
{
    /// <summary>What an erased member is called.</summary>
    public const string ErasedName = "Erased member";

    /// <summary>
    /// Whole months in arrears on <paramref name="day"/> of a ledger started by the first pledge, changed by the
    /// others (in order), with <paramref name="paid"/> paid: the ledger's own rule (<see cref="ContributionLedger.MonthsInArrears"/>).
    /// </summary>
    public static int MonthsInArrears(IEnumerable<LedgerPledge> pledges, decimal paid, DateOnly day)
    {
        var ledger = new ContributionLedger();
        foreach (var p in pledges) ledger.Pledge(p.Contribution, p.Frequency, DateOnly.FromDateTime(p.At.UtcDateTime));
        ledger.Pay(paid);
        return ledger.MonthsInArrears(day);
    }

    /// <summary>
    /// A member's branch and standing at <paramref name="at"/> from their stream, as <c>Member.asOf</c> folds it
    /// (payments by the day they were paid); null before they joined, and for an erased member (at any time).
    /// </summary>
    public static ElectorStanding? StandingOf(Guid memberId, IReadOnlyList<IEvent> events, DateTimeOffset at, DateOnly day)
    {
        if (events.Any(e => e.Data is MemberDataErased)) return null;
        var snapshot = MemberSnapshotFold.At(memberId, events, [], day, at);
        if (!snapshot.Joined || snapshot.BranchId is not { } branch) return null;
        return new ElectorStanding(memberId, branch, snapshot.InGoodStanding, snapshot.MonthsInArrears ?? 0);
    }
}
