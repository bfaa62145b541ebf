namespace WorkersPower.Membership.Contracts;

/// <summary>A member's standing, as other modules need it.</summary>
public enum MemberStanding
{
    Active,
    Lapsed,
    Suspended,
    Resigned,
}

/// <summary>Published when a member's standing changes (resigned, suspended, reinstated, lapsed, restored, rejoined).</summary>
public sealed record MemberStandingChanged(Guid MemberId, MemberStanding Standing, DateTimeOffset At);

/// <summary>Published when a member moves to another branch.</summary>
public sealed record MemberTransferredBranch(Guid MemberId, Guid FromBranchId, Guid ToBranchId, DateTimeOffset At);

/// <summary>Published when a member changes the name others see.</summary>
public sealed record MemberRenamed(Guid MemberId, string DisplayName, DateTimeOffset At);

/// <summary>
/// Published when an admin erases a member's personal data on request. Every module removes or masks
/// what it holds about the member (names especially); counts and totals may stay.
/// </summary>
public sealed record MemberErased(Guid MemberId, DateTimeOffset At);

/// <summary>
/// A module's part of a member's data export (exportMyData). Register implementations in DI; Membership
/// gathers every section into one JSON document.
/// </summary>
public interface IMemberDataExporter
{
    /// <summary>The section's name in the export, e.g. "campaigns".</summary>
    string Section { get; }

    /// <summary>What the module holds about the member, as a JSON-serialisable object (null when nothing).</summary>
    Task<object?> ExportAsync(Guid memberId, CancellationToken cancellationToken);
}
