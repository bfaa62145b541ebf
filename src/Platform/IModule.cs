using JasperFx.Events.Daemon;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace WorkersPower.Platform;

/// <summary>
/// A module's single entry point. The host lists the modules and knows nothing else of them:
/// each registers its own services, Marten store, Wolverine handlers and GraphQL contribution.
/// </summary>
public interface IModule
{
    /// <summary>A short name, also the module's PostgreSQL schema (e.g. "membership").</summary>
    string Name { get; }

    /// <summary>The assembly holding the module's handlers and graph types.</summary>
    Assembly Assembly => GetType().Assembly;

    void ConfigureServices(IServiceCollection services, ModuleContext context);

    void ConfigureWolverine(WolverineOptions options, ModuleContext context) { }

    /// <summary>HTTP endpoints of the module's own beside /graphql (e.g. a feed).</summary>
    void MapEndpoints(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints) { }
}

/// <summary>What a module may know about the host it is composed into.</summary>
/// <param name="ProjectionDaemon">How Marten's async daemon runs async projections: Solo, HotCold (one node of several, by leader election) or Disabled; from <c>Projections:Daemon</c>, else HotCold under <c>Cluster:Mode=Balanced</c> and Solo otherwise.</param>
/// <param name="ApplySchemaOnStartup">Whether each store compares its schema with PostgreSQL at start and applies what is missing (<c>Database:ApplySchemaOnStartup</c>, default true); false when a deployment step applies it (<c>db-apply</c>).</param>
public sealed record ModuleContext(IConfiguration Configuration, IHostEnvironment Environment, string ConnectionString, DaemonMode ProjectionDaemon = DaemonMode.Solo, bool ApplySchemaOnStartup = true);
