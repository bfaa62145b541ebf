using Marten.Linq.MatchesSql;

namespace WorkersPower.Campaigns.SignUps;

/// <summary>
/// mySignUps: the actions the signed-in member is signed up for (or already checked in at) that have not
/// ended and are not cancelled, soonest first; the member's dashboard lists them. Signed-in callers only;
/// an account without a member record has none.
/// </summary>
internal sealed class MySignUpsQuery : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<CampaignActionType>>>("mySignUps")
            .Description("The actions the signed-in member is signed up for (or checked in at) that have not ended and are not cancelled, soonest first. Empty for accounts without a member record.")
            .PageArguments()
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                if (ctx.User.MemberId() is not { } me) return Connection<CampaignAction>.Empty;
                var now = ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
                var page = PageRequest.From(ctx);
                await using var session = ctx.Session();
                return await page.PageAsync<CampaignAction>(session, q => MineNotEnded(q, me, now), a => a.SortKey, ctx.CancellationToken);
            });

    /// <summary>
    /// The member's part comes from the sign-up rows (indexed by member), not from the actions' lists:
    /// withdrawn entries are left out, attendance (a check-in while the action runs) counts.
    /// </summary>
    private static IBatchedQueryable<CampaignAction> MineNotEnded(IBatchedQueryable<CampaignAction> query, Guid memberId, DateTimeOffset now) =>
        query
            .Where(a => a.EndsAt > now && a.Status == ActionStatus.Scheduled)
            .Where(a => a.MatchesSql(
                "exists (select 1 from campaigns.mt_doc_actionsignup s where s.action_id = d.id and s.member_id = ? and s.data ->> 'Status' <> 'Withdrawn')",
                memberId));
}
