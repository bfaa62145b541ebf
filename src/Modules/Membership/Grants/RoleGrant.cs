namespace WorkersPower.Membership.Grants;

/// <summary>A role was granted to a member on a scope, from an instant, until an instant or without end, by an account, saying why.</summary>
public sealed record RoleGranted(
    Guid GrantId, Guid MemberId, string Role, GrantScope Scope, DateTimeOffset From, DateTimeOffset? Until, Guid By, string? Reason, DateTimeOffset At);

/// <summary>A grant was ended before its time by an account, saying why.</summary>
public sealed record GrantRevoked(Guid GrantId, Guid By, string Reason, DateTimeOffset At);

/// <summary>A grant reached its end date (recorded without anyone acting).</summary>
public sealed record GrantExpired(Guid GrantId, DateTimeOffset At);

/// <summary>One grant of a role to a member (its own stream; folded by <see cref="RoleGrantProjection"/>).</summary>
public sealed class RoleGrant
{
    public Guid Id { get; set; }
    [Marten.Schema.Version]
    public long Version { get; set; }
    public Guid MemberId { get; set; }
    public string Role { get; set; } = "";
    public GrantScope Scope { get; set; } = GrantScope.Organisation;
    public DateTimeOffset From { get; set; }
    public DateTimeOffset? Until { get; set; }
    public Guid GrantedBy { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Guid? RevokedBy { get; set; }
    public string? RevokeReason { get; set; }
    public DateTimeOffset? ExpiredAt { get; set; }

    /// <summary>The order of lists of grants: by start, then id (unique, so it pages by keyset).</summary>
    public string SortKey { get; set; } = "";

    public static string SortKeyOf(DateTimeOffset from, Guid id) => $"{from.UtcTicks:D19}|{id:N}";

    /// <summary>When it ended or ends: its revocation, its recorded expiry or its end date, whichever comes first (null: no end yet).</summary>
    public DateTimeOffset? EndsAt => new[] { RevokedAt, ExpiredAt, Until }.Where(t => t is not null).Min();

    /// <summary>Whether the grant holds at <paramref name="at"/>: from its start, before its end date, not revoked or expired before then.</summary>
    public bool ActiveAt(DateTimeOffset at) => From <= at && (EndsAt is not { } end || at < end);

    /// <summary>Whether the grant has ended by <paramref name="at"/> (revoked, expired, or past its end date).</summary>
    public bool EndedBy(DateTimeOffset at) => EndsAt is { } end && end <= at;

    /// <summary>The grant as the platform's rules read it (<see cref="Caller.Grants"/>).</summary>
    public Grant ToPlatformGrant() => new(Id, Role, Scope.Kind, Scope.Id, Until);

    /// <summary>The same role on the same scope.</summary>
    public bool Grants(string role, GrantScope scope) => Role == role && Scope == scope;
}

public sealed class RoleGrantProjection : SingleStreamProjection<RoleGrant, Guid>
{
    public static RoleGrant Create(RoleGranted e) => new()
    {
        Id = e.GrantId,
        MemberId = e.MemberId,
        Role = e.Role,
        Scope = e.Scope,
        From = e.From,
        Until = e.Until,
        GrantedBy = e.By,
        Reason = e.Reason,
        GrantedAt = e.At,
        SortKey = RoleGrant.SortKeyOf(e.From, e.GrantId),
    };

    public static void Apply(GrantRevoked e, RoleGrant grant)
    {
        grant.RevokedAt = e.At;
        grant.RevokedBy = e.By;
        grant.RevokeReason = e.Reason;
    }

    public static void Apply(GrantExpired e, RoleGrant grant) => grant.ExpiredAt = e.At;
}
