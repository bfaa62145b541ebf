namespace WorkersPower.Membership.Members.Ledger;

/// <summary>The ledger's entries in words, for the member's history.</summary>
internal static class ConsentLedgerText
{
    public static string Describe(ConsentChanged c) =>
        $"{(c.Given ? "Consent given" : "Consent withdrawn")}: {Words(c.Channel)} (source: {Words(c.Source)}).";

    public static string Words(ConsentChannel channel) => channel switch
    {
        ConsentChannel.Contact => "storing the details and contact about the membership",
        ConsentChannel.Email => "updates by email",
        ConsentChannel.Sms => "text messages",
        _ => "letters by post",
    };

    public static string Words(ConsentSource source) => source switch
    {
        ConsentSource.JoinForm => "the join form",
        ConsentSource.Profile => "profile",
        ConsentSource.UnsubscribeLink => "link",
        _ => "migration of the earlier preferences",
    };

    public static string Words(ProgrammeAcceptanceSource source) => source == ProgrammeAcceptanceSource.JoinForm ? "on the join form" : "by the member";
}
