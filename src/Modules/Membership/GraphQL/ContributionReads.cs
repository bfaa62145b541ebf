namespace WorkersPower.Membership.GraphQL;

internal static class ContributionReads
{
    public static async Task<Connection<ContributionPayment>> PaymentsAsync(IResolveFieldContext context, Guid memberId)
    {
        var page = PageRequest.From(context);
        await using var session = context.Session();
        return await page.PageAsync<ContributionPayment>(session, q => q.Where(p => p.MemberId == memberId), p => p.Sequence, descending: true, context.CancellationToken);
    }

    public static async Task<IReadOnlyList<MonthlyContributionTotal>?> BranchTotalsAsync(IResolveFieldContext<Branch> context)
    {
        var actor = await context.RequireActorAsync();
        var branch = context.Source;
        if (!actor.TreasuresBranch(branch.Id) && !actor.OrganisesBranch(branch.Id)) return null;
        var months = context.GetArgument<int?>("months") ?? 12;
        if (months is < 1 or > 60) throw new ExecutionError("'months' must be between 1 and 60.") { Code = ErrorCodes.BadUserInput };
        var today = context.Today();
        var from = ContributionLedger.MonthOf(today).AddMonths(-(months - 1));
        await using var session = context.Session();
        var rows = await session.AdvancedSql.QueryAsync<MonthlyContributionTotal>(
            """
            select json_build_object('Month', substr(d.data->>'PaidOn', 1, 7), 'Currency', d.data->>'Currency',
                                     'Total', sum((d.data->>'Amount')::numeric), 'Payments', count(*))
            from membership.mt_doc_contributionpayment d
            where d.branch_id = ? and d.paid_on >= ?
            group by substr(d.data->>'PaidOn', 1, 7), d.data->>'Currency'
            """, context.CancellationToken, branch.Id, from);
        return rows.OrderBy(r => r.Month, StringComparer.Ordinal).ThenBy(r => r.Currency, StringComparer.Ordinal).ToList();
    }
}
