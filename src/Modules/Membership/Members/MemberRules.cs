namespace WorkersPower.Membership.Members;

/// <summary>The answers every command on a member shares.</summary>
public static class MemberRules
{
    public static readonly UserError NoSuchMember = UserError.NotFound("There is no such member.", "input", "memberId");

    /// <summary>The member does not exist (or was erased).</summary>
    public static Decision NotFound { get; } = Decision.Refuse(NoSuchMember);

    /// <summary>The member is outside the actor's scope (answered as FORBIDDEN).</summary>
    public static Decision NotYours { get; } = Decision.Deny("You may not change this member: organisers act on the members of their own branch.");

    /// <summary>The reason given for a change of standing (up to 1000 characters): required, or optional.</summary>
    public static UserError? Reason(string? reason, bool required)
    {
        var rules = new TextRules();
        if (required) rules.Required("reason", reason, 1000, "A reason");
        else rules.Optional("reason", reason, 1000, "The reason");
        return rules.Errors.Count > 0 ? rules.Errors[0] : null;
    }
}
