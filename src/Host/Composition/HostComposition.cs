using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Wolverine.Marten;
using WorkersPower.Host.GraphQL;
using WorkersPower.Host.GraphQL.Http;
using WorkersPower.Host.Telemetry;
using WorkersPower.Host.Web;
using WorkersPower.Platform.Mail;

namespace WorkersPower.Host.Composition;

/// <summary>How the host is put together: configuration, the modules, Marten, Wolverine, auth and GraphQL.</summary>
public static class HostComposition
{
    public static WebApplicationBuilder AddWorkersPower(this WebApplicationBuilder builder, IReadOnlyList<IModule> modules)
    {
        var configuration = builder.Configuration;
        var connectionString = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                "No database configured: set ConnectionStrings:Postgres (environment ConnectionStrings__Postgres), or start the platform with build/run.sh.");

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GraphQLSettings>().Bind(configuration.GetSection(GraphQLSettings.Section));
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton(new MessageEnvelopeEraser(connectionString));
        services.AddMail(configuration, builder.Environment);

        // First of the hosted services: the GraphQL schema builds while the stores check theirs and Wolverine starts.
        services.AddHostedService<SchemaWarmUp>();

        var cluster = ClusterSettings.Mode(configuration);
        var context = new ModuleContext(configuration, builder.Environment, connectionString, ClusterSettings.ProjectionDaemon(configuration, cluster),
            ApplySchemaOnStartup: configuration.GetValue("Database:ApplySchemaOnStartup", true));

        // Marten: the main store only holds Wolverine's envelope tables; each module has its own store and schema.
        var main = services.AddMarten(o =>
            {
                o.Connection(connectionString);
                o.DatabaseSchemaName = "wolverine";
                o.DisableNpgsqlLogging = true;
                if (!context.ApplySchemaOnStartup) o.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine();
        if (context.ApplySchemaOnStartup) main.ApplyAllDatabaseChangesOnStartup();
        ClusterSettings.AddSharedDataProtection(services, configuration);
        builder.Host.UseWolverine(opts =>
        {
            ClusterSettings.ApplyTo(opts, cluster);
            opts.ApplyFailurePolicies();
            opts.ApplicationAssembly = typeof(HostComposition).Assembly;
            opts.Durability.MessageStorageSchemaName = "wolverine";
            // the message tables are the deployment's to apply too (db-apply) when the stores do not apply theirs
            if (!context.ApplySchemaOnStartup) opts.AutoBuildMessageStorageOnStartup = JasperFx.AutoCreate.None;
            opts.Policies.AutoApplyTransactions();
            // Each module handles a contract message in its own handler, queue and store transaction.
            opts.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
            opts.Policies.UseDurableLocalQueues();
            opts.Policies.UseDurableOutboxOnAllSendingEndpoints();
            opts.CodeGeneration.TypeLoadMode = builder.Environment.IsProduction() ? TypeLoadMode.Auto : TypeLoadMode.Dynamic;
            foreach (var module in modules)
            {
                opts.Discovery.IncludeAssembly(module.Assembly);
                module.ConfigureWolverine(opts, context);
            }
        });

        foreach (var module in modules)
        {
            module.ConfigureServices(services, context);
            services.AddSchemaParts(module.Assembly);
            services.AddSingleton(module);
        }

        // Authentication: JWT bearer tokens signed with the shared key.
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((o, auth) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = auth.Value.ValidationParameters();
                o.Events = new JwtBearerEvents
                {
                    // A valid signature is not enough: the account must still exist, hold the roles and be in good standing.
                    OnTokenValidated = async context =>
                    {
                        // No spans of the check's SQL: it runs before the request's body is read, so before a vote
                        // (castVote, untraced) is known, and its spans would say when someone voted. The request's
                        // own span still covers its time.
                        using var untraced = OpenTelemetry.SuppressInstrumentationScope.Begin();
                        var subject = await TokenSubject.CheckAllAsync(context.HttpContext.RequestServices, context.Principal!, context.HttpContext.RequestAborted);
                        // refused, or the grants held now, for Caller.Grants: added by the server, never read from the token
                        if (subject.Refusal is { } refusal) context.Fail(refusal);
                        else context.Principal = GrantClaims.With(context.Principal!, subject.Grants);
                    },
                };
            });
        services.AddAuthorization();

        AddGraphQL(services, configuration, modules);

        services.AddSingleton<DemoDataState>();
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"])
            .AddCheck<DemoDataState>("demo data", tags: ["ready"]);
        services.AddHostedService<DemoDataLoader>();
        AddProxySupport(services, configuration);
        builder.AddPlatformTelemetry();
        return builder;
    }

    private static void AddGraphQL(IServiceCollection services, IConfiguration configuration, IReadOnlyList<IModule> modules)
    {
        var settings = configuration.GetSection(GraphQLSettings.Section).Get<GraphQLSettings>() ?? new GraphQLSettings();
        services.AddScoped<BatchLoaders>();
        services.AddSingleton<GraphQLRunner>();
        services.AddSingleton<GraphQLRequestPreparation>();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton<GraphQLWebSocketEndpoint>();
        services.AddSingleton<SocketsPerAddress>();
        services.AddSingleton<PersistedDocuments>();
        services.AddSingleton<ValidatedDocuments>();
        services.AddSingleton<Operations.DeadLetterStores>();
        services.AddSingleton<Operations.PlatformState>();
        services.AddSchemaParts(typeof(HostComposition).Assembly);
        services.AddGraphQL(b =>
        {
            b.AddSchema<PlatformSchema>()
                .AddSystemTextJson(o => o.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
                .AddGraphTypes(typeof(PlatformSchema).Assembly)
                .AddErrorInfoProvider(o =>
                {
                    o.ExposeCodes = false;
                    o.ExposeData = false;
                    o.ExposeExceptionDetails = false;
                })
                .AddValidationRule<AuthorizationRule>()
                // GraphQL.NET's complexity analyzer, with introspection-only documents under their own depth limit
                .AddValidationRule<ComplexityLimits>();
            b.AddGraphTypes(typeof(HostComposition).Assembly);
            foreach (var module in modules) b.AddGraphTypes(module.Assembly);
            if (!settings.Introspection) b.AddValidationRule<NoIntrospectionValidationRule>();
        });
    }

    /// <summary>
    /// <c>Proxy:KnownProxies</c>: addresses of reverse proxies (comma-separated) whose X-Forwarded-For and
    /// X-Forwarded-Proto are believed, so per-address limits see the client, not the proxy. Unset: none.
    /// </summary>
    private static void AddProxySupport(IServiceCollection services, IConfiguration configuration)
    {
        var proxies = (configuration["Proxy:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var addresses = proxies.Select(p => System.Net.IPAddress.TryParse(p, out var a) ? a
            : throw new InvalidOperationException($"Proxy:KnownProxies holds '{p}', which is not an IP address.")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in addresses) o.KnownProxies.Add(address);
        });
    }

    /// <summary>
    /// "Healthy" when ready; otherwise the status and why, one check a line ("Unhealthy" then e.g.
    /// "demo data: The demo data is still loading."). The reasons are the checks' own sentences; only a failed
    /// demo load (Demo:Seed, for local runs) adds the exception's message.
    /// </summary>
    private static Task WriteReadiness(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        var reasons = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"\n{e.Key}: {e.Value.Description}");
        return http.Response.WriteAsync(report.Status + string.Concat(reasons));
    }

    public static WebApplication UseWorkersPower(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownProxies.Count > 0) app.UseForwardedHeaders();
        app.UsePlatformTelemetry();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseWebClientAssets();
        app.UseExplorerFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteReadiness });
        app.Map("/graphql", (HttpContext http, GraphQLHttpEndpoint endpoint) => endpoint.HandleAsync(http));
        foreach (var module in app.Services.GetServices<IModule>()) module.MapEndpoints(app);
        app.MapWebClient();
        return app;
    }
}
