using System.Text.Json.Serialization;

namespace WorkersPower.Membership.Members;

/// <summary>exportMyData: everything the platform holds about the signed-in member.</summary>
internal sealed class ExportMyDataQuery : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<StringGraphType>("exportMyData")
            .Description("Everything the platform holds about the signed-in member, as one JSON document (profile, account, applications, contributions, history, and each module's part). Null for accounts without a member record.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                if (ctx.User.MemberId() is not { } memberId) return null;
                await using var session = ctx.Session();
                var now = ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
                return await MemberDataExport.BuildAsync(session, memberId, ctx.RequestServices!.GetServices<IMemberDataExporter>(), now, ctx.CancellationToken);
            });
}

/// <summary>Everything held about a member, as one JSON document (exportMyData).</summary>
public static class MemberDataExport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<string> BuildAsync(IQuerySession session, Guid memberId, IEnumerable<IMemberDataExporter> exporters, DateTimeOffset now, CancellationToken ct)
    {
        var member = await session.LoadAsync<MemberProfile>(memberId, ct) ?? throw new InvalidOperationException("No such member.");
        var account = await session.Query<Account>().FirstOrDefaultAsync(a => a.MemberId == memberId, ct);
        var applications = await session.LoadManyAsync<MembershipApplication>(ct, member.ApplicationIds.Count > 0 ? member.ApplicationIds : [member.ApplicationId]);
        var payments = await session.Query<ContributionPayment>().Where(p => p.MemberId == memberId).OrderBy(p => p.PaidOn).ToListAsync(ct);
        var events = await session.Events.FetchStreamAsync(memberId, token: ct);
        var grants = await session.Query<RoleGrant>().Where(g => g.MemberId == memberId).ToListAsync(ct);
        var sections = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var exporter in exporters) sections[exporter.Section] = await exporter.ExportAsync(memberId, ct);

        var document = new
        {
            exportedAt = now,
            profile = new
            {
                member.GivenName, member.FamilyName, member.Email, member.PendingEmail, member.Phone, member.Postcode, status = member.Status, member.JoinedOn,
                member.Union, member.Workplace, member.Interests, member.Availability, communication = member.Communication,
                contribution = member.Contribution, member.ContributionFrequency,
            },
            account = account is null ? null : new { account.Email, Roles = (string[])[Roles.Member, .. new GrantSet(grants, now).Roles], account.CreatedAt, account.ActivatedAt },
            grants = grants.OrderBy(g => g.SortKey, StringComparer.Ordinal).Select(g => new
            {
                g.Role, scope = g.Scope.Kind, scopeId = g.Scope.Id, g.From, g.Until, g.Reason, g.GrantedAt, g.RevokedAt, g.RevokeReason, g.ExpiredAt,
            }),
            applications = applications.Select(a => new { a.SubmittedAt, a.Status, a.DecidedAt, a.RejectionReason, a.Applicant }),
            contributions = new
            {
                monthsInArrears = member.Ledger.MonthsInArrears(DateOnly.FromDateTime(now.UtcDateTime)),
                arrears = member.Ledger.Arrears(DateOnly.FromDateTime(now.UtcDateTime)),
                payments = payments.Select(p => new { p.PaidOn, p.Amount, p.Currency, p.Reference, p.Source }),
            },
            history = events.Select(e => new { type = e.EventTypeName, at = e.Timestamp, data = e.Data }),
            modules = sections,
        };
        return JsonSerializer.Serialize(document, Json);
    }
}
