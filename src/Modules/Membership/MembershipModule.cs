using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using JasperFx.Events.Projections;
using Weasel.Core;
using Wolverine.Marten;
using WorkersPower.Membership.Demo;

namespace WorkersPower.Membership;

/// <summary>Membership: applications, members, branches, accounts and sign-in.</summary>
public sealed class MembershipModule : IModule
{
    public const string Schema = "membership";

    public string Name => Schema;

    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddMartenStore<IMembershipStore>(o =>
            {
                o.UseModuleDefaults(Schema, context);

                o.Projections.Add<MembershipApplicationProjection>(ProjectionLifecycle.Inline);
                o.Projections.Add<MemberProfileProjection>(ProjectionLifecycle.Inline);
                o.Projections.Add<BranchProjection>(ProjectionLifecycle.Inline);
                o.Projections.Add<Grants.RoleGrantProjection>(ProjectionLifecycle.Inline);
                o.Projections.Add<MemberLedgerProjection>(ProjectionLifecycle.Inline); // consents and programme acceptances
                // as-of: the members' standing intervals (Members/Asof), a table of their own, built once for existing members
                o.Projections.Add(new StandingIntervalProjection(), ProjectionLifecycle.Inline);
                foreach (var table in StandingIntervalProjection.SchemaObjects()) o.Storage.ExtendedSchemaObjects.Add(table);

                o.Schema.For<MembershipApplication>().Duplicate(x => x.Sequence).Duplicate(x => x.Status);
                o.Schema.For<PendingApplicationEmail>();
                o.Schema.For<MemberProfile>()
                    .Duplicate(x => x.BranchId)
                    .Duplicate(x => x.Status)
                    .Duplicate(x => x.EmailKey)
                    .Duplicate(x => x.SortKey)
                    .Duplicate(x => x.SearchText, configure: i =>
                    {
                        // A trigram index: "contains" searches over names and emails stay fast at 100,000 members.
                        i.Method = Weasel.Postgresql.Tables.IndexMethod.gin;
                        i.Mask = "? gin_trgm_ops";
                    })
                    .Duplicate(x => x.CoveredUntil)
                    .Duplicate(x => x.Erased)
                    // counts of a standing (totalCount of members(filter)) answer from this index alone
                    .Index([x => x.Status, x => x.Erased, x => x.BranchId], i => i.Name = "mt_doc_memberprofile_idx_status_erased_branch");
                o.Schema.For<ContributionPayment>()
                    .Duplicate(x => x.MemberId)
                    .Duplicate(x => x.BranchId)
                    .Duplicate(x => x.PaidOn)
                    .Duplicate(x => x.Sequence)
                    .Duplicate(x => x.DuplicateKey);
                o.Schema.For<Grants.RoleGrant>().Duplicate(x => x.MemberId);
                o.Schema.For<Grants.LegacyRoleMigrationRecord>();
                o.Schema.For<PersonalDataRead>().Duplicate(x => x.MemberId).Duplicate(x => x.Sequence);
                o.Schema.For<Messages.OrganiserMessage>().Duplicate(x => x.SenderAccountId!).Duplicate(x => x.SenderMemberId!).Duplicate(x => x.Sequence);
                EraseMemberHandler.AddMaskingRules(o);
                o.Storage.ExtendedSchemaObjects.Add(new Weasel.Postgresql.Extension("pg_trgm"));
                o.Schema.For<Branch>().UniqueIndex(x => x.NameKey);
                o.Schema.For<Account>()
                    .UniqueIndex(x => x.Email)
                    .Index(x => x.InvitationTokenHash)
                    .Index(x => x.PasswordResetTokenHash)
                    .Index(x => x.EmailChangeTokenHash)
                    .Index(x => x.MemberId!)
                    .UseOptimisticConcurrency(true);
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine()
            .ApplySchemaOnStartup(context);

        services.AddSingleton(new ModuleStore(Name, typeof(IMembershipStore)));
        services.AddHttpContextAccessor();
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.Configure<SignInThrottleOptions>(context.Configuration.GetSection("Membership:SignIn"));
        services.Configure<ApplicationRateLimitOptions>(context.Configuration.GetSection("Membership:Applications"));
        services.Configure<Messages.OrganiserMessageLimits>(context.Configuration.GetSection("Mail"));
        services.Configure<PasswordResetRateLimitOptions>(context.Configuration.GetSection("Membership:PasswordReset"));
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<AccountTokenCheck>();
        services.AddSingleton<WorkersPower.Platform.Security.ITokenSubjectCheck>(sp => sp.GetRequiredService<AccountTokenCheck>());
        services.AddSingleton<ApplicationRateLimiter>();
        services.AddSingleton<PasswordResetRateLimiter>();
        services.AddSingleton<WorkersPower.Membership.Mail.UnsubscribeLinks>();
        services.AddHostedService<BootstrapAdmin>();
        services.AddHostedService<Grants.LegacyRoleMigration>(); // before the host answers: today's roles become grants, once
        services.TryAddSingleton(SiteTimeZone.From(context.Configuration));
        services.AddSingleton<StandingIntervalRebuild>();
        services.AddHostedService(sp => sp.GetRequiredService<StandingIntervalRebuild>());
        services.AddSingleton<IDemoData, MembershipDemoData>();
        services.AddSingleton<IMemberDataExporter, Messages.OrganiserMessagesDataExporter>();
        services.AddSingleton<IMemberDataExporter, LedgerDataExporter>();
        services.AddHostedService<ConsentLedgerMigration>(); // after the store's schema changes: today's booleans become ledger entries
        services.AddSingleton<ICampaignOrganisers, Grants.CampaignOrganisers>();
        services.AddSingleton<IElectorate, Electorate.MembershipElectorate>();

        services.AddScoped<RequestActor>();
        services.AddScoped<PersonalDataAudit>();
        services.AddScoped<Contracts.IPersonalDataAudit>(sp => sp.GetRequiredService<PersonalDataAudit>());
    }

    public void ConfigureWolverine(WolverineOptions options, ModuleContext context)
    {
        options.Policies.UseAncillaryStorageFromAssemblyContaining<MembershipModule>(typeof(IMembershipStore));
        Messages.SendOrganiserMessageMailHandler.ConfigureQueue(options, context.Configuration);
    }

    /// <summary>
    /// The one-click unsubscribe of mail programs (POST /unsubscribe, RFC 8058). The pages behind the links in Membership's
    /// mails (/activate, /reset-password, /confirm-email, /unsubscribe) are the web client's.
    /// </summary>
    public void MapEndpoints(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints) => Mail.OneClickUnsubscribe.Map(endpoints);
}
