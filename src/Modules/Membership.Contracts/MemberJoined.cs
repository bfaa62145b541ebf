namespace WorkersPower.Membership.Contracts;

/// <summary>
/// Published by Membership (through Wolverine's durable outbox) when an application is approved and a
/// member record begins. Other modules keep their own copy of what they need from it.
/// </summary>
/// <param name="MemberId">The member's id (the same Guid inside Membership's global ids).</param>
/// <param name="BranchId">The branch the member was admitted into.</param>
/// <param name="DisplayName">The name to show for the member ("Given Family").</param>
/// <param name="JoinedAt">When the application was approved.</param>
public sealed record MemberJoined(Guid MemberId, Guid BranchId, string DisplayName, DateTimeOffset JoinedAt);
