namespace WorkersPower.Membership.Members.Ledger;

/// <summary>One entry of a member's consent ledger.</summary>
public sealed record ConsentEntry(ConsentChannel Channel, bool Given, ConsentSource Source, Guid? By, DateTimeOffset At);

/// <summary>One acceptance of a programme revision.</summary>
public sealed record ProgrammeAcceptanceEntry(Guid PageId, int Version, ProgrammeAcceptanceSource Source, bool VersionShown, Guid? By, DateTimeOffset At);

/// <summary>The revision of the programme an application accepted (see <see cref="IProgrammeRevisions"/>).</summary>
/// <param name="VersionShown">True when the form named the version it showed; false when an older client named none and the version current at submission was recorded.</param>
public sealed record AcceptedProgramme(Guid PageId, int Version, bool VersionShown);

/// <summary>
/// A member's consent and programme ledger, oldest first (an inline projection of the member's stream, beside
/// <see cref="MemberProfile"/>, which keeps the current email/SMS/post preferences). Deleted when the member's data is
/// erased: the consents of nobody are kept nowhere but in the masked events.
/// </summary>
public sealed class MemberLedger
{
    public Guid Id { get; set; }
    public List<ConsentEntry> Consents { get; set; } = [];
    public List<ProgrammeAcceptanceEntry> Programme { get; set; } = [];

    /// <summary>The last entry of a channel, or null when the member never gave nor withdrew it.</summary>
    public ConsentEntry? Current(ConsentChannel channel) => Consents.LastOrDefault(c => c.Channel == channel);

    /// <summary>Whether the channel's consent stands now.</summary>
    public bool Gives(ConsentChannel channel) => Current(channel)?.Given ?? false;

    /// <summary>The latest programme acceptance, or null.</summary>
    public ProgrammeAcceptanceEntry? LatestAcceptance => Programme.Count == 0 ? null : Programme[^1];
}

public sealed class MemberLedgerProjection : SingleStreamProjection<MemberLedger, Guid>
{
    public MemberLedgerProjection() => DeleteEvent<MemberDataErased>();

    public static MemberLedger Create(ConsentChanged e) => Apply(e, new MemberLedger { Id = e.MemberId });

    public static MemberLedger Create(ProgrammeAccepted e) => Apply(e, new MemberLedger { Id = e.MemberId });

    public static MemberLedger Apply(ConsentChanged e, MemberLedger ledger)
    {
        ledger.Consents.Add(new ConsentEntry(e.Channel, e.Given, e.Source, e.By, e.At));
        return ledger;
    }

    public static MemberLedger Apply(ProgrammeAccepted e, MemberLedger ledger)
    {
        ledger.Programme.Add(new ProgrammeAcceptanceEntry(e.PageId, e.Version, e.Source, e.VersionShown, e.By, e.At));
        return ledger;
    }
}
