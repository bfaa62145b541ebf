using GraphQL.Types;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Branches;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;

namespace WorkersPower.Membership.GraphQL;

public sealed record ApplyForMembershipPayload(MembershipApplication? Application) : Payload;

public sealed record ApproveMembershipApplicationPayload(MemberProfile? Member, string? InvitationToken) : Payload;

public sealed record RejectMembershipApplicationPayload(MembershipApplication? Application) : Payload;

public sealed class ApplyForMembershipPayloadType : PayloadType<ApplyForMembershipPayload>
{
    public ApplyForMembershipPayloadType() : base("ApplyForMembershipPayload", "The application as received, or why it was refused.") =>
        Field<MembershipApplicationType>("application").Description("The application, now waiting for a decision (the answer is the same whether or not the email belongs to a member or to an application already waiting).").Resolve(ctx => ctx.Source.Application);
}

public sealed class ApproveMembershipApplicationPayloadType : PayloadType<ApproveMembershipApplicationPayload>
{
    public ApproveMembershipApplicationPayloadType() : base("ApproveMembershipApplicationPayload", "The new member and their invitation token.")
    {
        Field<MemberType>("member").Description("The new member.").Resolve(ctx => ctx.Source.Member);
        Field<StringGraphType>("invitationToken")
            .Description("A single-use token, valid 7 days, with which the member sets a password (activateAccount). Pass it on to them; it is shown only here.")
            .Resolve(ctx => ctx.Source.InvitationToken);
    }
}

public sealed class RejectMembershipApplicationPayloadType : PayloadType<RejectMembershipApplicationPayload>
{
    public RejectMembershipApplicationPayloadType() : base("RejectMembershipApplicationPayload", "The rejected application.") =>
        Field<MembershipApplicationType>("application").Description("The application, now rejected.").Resolve(ctx => ctx.Source.Application);
}
