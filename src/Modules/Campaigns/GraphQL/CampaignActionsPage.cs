using System.Linq.Expressions;
using Marten.Services.BatchQuerying;

namespace WorkersPower.Campaigns.GraphQL;

/// <summary>
/// A campaign's <c>actions</c> (the campaign page): a page by start time and the total, in one round trip. For an
/// anonymous caller the rows are read without the lists of who signed up, withdrew and attended (they grow with
/// every sign-up, and an anonymous caller sees nothing that needs them: <c>mySignUp</c> is null for them, and the
/// sign-up lists need an organiser); a signed-in caller gets whole actions, as <c>mySignUp</c> reads those lists.
/// </summary>
internal static class CampaignActionsPage
{
    /// <summary>An action without its lists of members: every other field the action type shows.</summary>
    internal static readonly Expression<Func<CampaignAction, CampaignAction>> WithoutMembers = a => new CampaignAction
    {
        Id = a.Id,
        CampaignId = a.CampaignId,
        Kind = a.Kind,
        Title = a.Title,
        StartsAt = a.StartsAt,
        EndsAt = a.EndsAt,
        Location = a.Location,
        Capacity = a.Capacity,
        BranchId = a.BranchId,
        Status = a.Status,
        CancelReason = a.CancelReason,
        Outcome = a.Outcome,
        SortKey = a.SortKey,
        SignUpCount = a.SignUpCount,
        AttendanceCount = a.AttendanceCount,
    };

    public static async Task<Connection<CampaignAction>> PageAsync(IResolveFieldContext ctx, Guid campaignId, bool upcomingOnly)
    {
        var page = PageRequest.From(ctx);
        var now = ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
        IBatchedQueryable<CampaignAction> Filter(IBatchedQueryable<CampaignAction> q)
        {
            q = q.Where(a => a.CampaignId == campaignId);
            if (upcomingOnly) q = q.Where(a => a.StartsAt > now && a.Status == ActionStatus.Scheduled);
            return q;
        }
        await using var session = ctx.Session();
        return ctx.User?.Identity?.IsAuthenticated == true
            ? await page.PageAsync<CampaignAction>(session, Filter, a => a.SortKey, ctx.CancellationToken)
            : await page.PageAsync(session, Filter, a => a.SortKey, WithoutMembers, a => a.SortKey, ctx.CancellationToken);
    }
}
