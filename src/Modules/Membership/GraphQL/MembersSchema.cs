using GraphQL;
using GraphQL.Types;
using WorkersPower.Membership.Branches;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.GraphQL;

/// <summary>
/// What is left of the members' catch-all: renameBranch, which the Branches part of this restructure moves to
/// its own file (then this file goes); the members' fields are in their use cases' files under Members/.
/// </summary>
internal sealed class MembersSchema : ISchemaContributor
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<BranchPayloadType>>("renameBranch")
            .Description("Rename a branch or change its region (admins).")
            .Argument<NonNullGraphType<RenameBranchInputType>>("input", "The branch and its new name.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RenameBranchInput>("input");
                if (GlobalId.TryDecode(input.BranchId, BranchType.TypeName) is not { } id)
                    return new BranchPayload(null) { Errors = [UserError.NotFound("There is no such branch.", "input", "branchId")] };
                try
                {
                    var result = await ctx.Bus().InvokeAsync<CreateBranchResult>(new RenameBranch(id, input.Name, input.Region, ctx.User.AccountId()!.Value), ctx.CancellationToken);
                    return new BranchPayload(result.Branch) { Errors = result.Errors };
                }
                catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e) || DatabaseErrors.IsConcurrencyConflict(e))
                {
                    return new BranchPayload(null) { Errors = [UserError.AlreadyExists($"A branch named '{input.Name.Trim()}' exists already.", "input", "name")] };
                }
            });
    }
}

public sealed class RenameBranchInput
{
    public string BranchId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Region { get; set; }
}

public sealed class RenameBranchInputType : InputObjectGraphType<RenameBranchInput>
{
    public RenameBranchInputType()
    {
        Name = "RenameBranchInput";
        Description = "A branch's new name and region.";
        Field(x => x.BranchId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The branch's global id.");
        Field(x => x.Name).Description("The new name, unique (up to 100 characters).");
        Field(x => x.Region, nullable: true).Description("The region it covers.");
    }
}
