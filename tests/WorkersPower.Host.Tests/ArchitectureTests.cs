using System.Reflection;
using NetArchTest.Rules;
using WorkersPower.Platform;

namespace WorkersPower.Host.Tests;

/// <summary>The rules of docs/ARCHITECTURE.md, as tests.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Platform = typeof(IModule).Assembly;
    private static readonly Assembly HostAssembly = typeof(Composition.HostComposition).Assembly;

    /// <summary>Every module assembly deployed with the host, contracts included (the tests' mail catcher, a tool in tools/, is none).</summary>
    private static IReadOnlyList<Assembly> Modules() =>
        Directory.GetFiles(AppContext.BaseDirectory, "WorkersPower.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n is not ("WorkersPower.Platform" or "WorkersPower.Host" or "WorkersPower.Testing" or "WorkersPower.MailCatcher") && !n!.EndsWith(".Tests", StringComparison.Ordinal))
            .Select(n => Assembly.Load(n!))
            .ToList();

    private static string ModuleName(Assembly a) => a.GetName().Name!;

    [Fact]
    public void The_modules_are_found() =>
        Modules().Select(ModuleName).ShouldContain("WorkersPower.Membership.Contracts");

    [Fact]
    public void Nothing_references_the_host()
    {
        foreach (var assembly in Modules().Append(Platform))
        {
            var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOn("WorkersPower.Host").GetResult();
            result.IsSuccessful.ShouldBeTrue($"{ModuleName(assembly)}: {string.Join(", ", result.FailingTypeNames ?? [])}");
        }
    }

    [Fact]
    public void The_platform_knows_no_module()
    {
        foreach (var module in Modules())
        {
            var result = Types.InAssembly(Platform).ShouldNot().HaveDependencyOn(ModuleName(module)).GetResult();
            result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
        }
    }

    [Fact]
    public void A_module_uses_only_the_contracts_of_another_module()
    {
        var modules = Modules().Where(m => !ModuleName(m).EndsWith(".Contracts", StringComparison.Ordinal)).ToList();
        foreach (var module in modules)
            foreach (var other in modules.Where(o => o != module))
            {
                // every type of the other module (its Contracts are another assembly, so they stay allowed)
                var internals = other.GetTypes().Where(t => t.FullName is not null && !t.FullName.Contains('<', StringComparison.Ordinal)).Select(t => t.FullName!).ToArray();
                var result = Types.InAssembly(module).ShouldNot().HaveDependencyOnAny(internals).GetResult();
                result.IsSuccessful.ShouldBeTrue($"{ModuleName(module)} uses {ModuleName(other)}: {string.Join(", ", result.FailingTypeNames ?? [])}");
            }
    }

    [Fact]
    public void Contracts_depend_on_nothing_of_ours()
    {
        foreach (var contracts in Modules().Where(m => ModuleName(m).EndsWith(".Contracts", StringComparison.Ordinal)))
        {
            var result = Types.InAssembly(contracts).ShouldNot().HaveDependencyOnAny("WorkersPower.Platform", "Marten", "Wolverine", "GraphQL").GetResult();
            result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
        }
    }

    [Fact]
    public void Contract_messages_are_immutable_records()
    {
        foreach (var contracts in Modules().Where(m => ModuleName(m).EndsWith(".Contracts", StringComparison.Ordinal)))
            foreach (var type in contracts.GetExportedTypes().Where(t => t.IsClass))
                type.GetProperties().Where(p => p.SetMethod is { IsPublic: true } && p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Length == 0)
                    .ShouldBeEmpty($"{type.Name} has settable properties");
    }

    /// <summary>
    /// Types outside the API surface that use GraphQL or the web, each with its reason. Do not add to this list.
    /// </summary>
    private static readonly HashSet<string> MixedFiles = new(StringComparer.Ordinal)
    {
        // src/Modules/Membership/Members/PaymentImport.cs: the import accepts a member's global id, decoded with Platform.GlobalId
        "WorkersPower.Membership.Members.PaymentImportHandler",
        // src/Modules/Campaigns/SignUps/SignUpFields.cs: the reads behind the SignUp connection field, beside the graph type
        "WorkersPower.Campaigns.SignUps.SignUpReads",
        // src/Modules/Content/Feed/AtomFeed.cs: the module's HTTP endpoint beside /graphql (the Atom feed), mapped by ContentModule.MapEndpoints
        "WorkersPower.Content.Feed.AtomFeed",
        // src/Modules/Membership/Mail/OneClickUnsubscribe.cs: the module's HTTP endpoint for mail programs' one-click unsubscribe
        // (POST /unsubscribe, RFC 8058), mapped by MembershipModule.MapEndpoints; a person opening the link gets the web client's page
        "WorkersPower.Membership.Mail.OneClickUnsubscribe",
    };

    /// <summary>GraphQL and the web (ASP.NET Core's HTTP, routing, MVC and authentication; its Identity password hasher is a plain library).</summary>
    private static readonly string[] ApiTechnology = ["GraphQL", "GraphQLParser", "WorkersPower.Platform.GraphQL",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Authentication"];

    /// <summary>
    /// The API surface of a module: what a use case's file declares for GraphQL (its field, its input record, payloads,
    /// graph types, query contributors, node resolvers, extensions of other modules' types), the GraphQL folder, demo
    /// data and the module class that composes it all. Everything else is the domain.
    /// </summary>
    private static bool IsApiSurface(Type type, string root)
    {
        var ns = type.Namespace ?? "";
        if (ns == root + ".GraphQL" || ns.StartsWith(root + ".GraphQL.", StringComparison.Ordinal)) return true;
        if (ns == root + ".Demo" || ns.StartsWith(root + ".Demo.", StringComparison.Ordinal)) return true;
        if (ns == root && type.Name.EndsWith("Module", StringComparison.Ordinal)) return true;
        if (type.Name.EndsWith("Input", StringComparison.Ordinal) || type.Name.EndsWith("Filter", StringComparison.Ordinal)) return true;
        Type[] surfaces = [typeof(Platform.GraphQL.IMutationField), typeof(Platform.GraphQL.ISchemaContributor), typeof(Platform.GraphQL.INodeResolver),
            typeof(Platform.GraphQL.IObjectTypeExtension), typeof(global::GraphQL.Types.IGraphType), typeof(Platform.GraphQL.Payload)];
        return surfaces.Any(s => s.IsAssignableFrom(type));
    }

    private static IEnumerable<(Type Type, string Root)> TypesUsing(string[] dependencies)
    {
        foreach (var module in Modules())
        {
            var root = ModuleName(module);
            var failing = Types.InAssembly(module).ShouldNot().HaveDependencyOnAny(dependencies).GetResult().FailingTypeNames ?? [];
            foreach (var name in failing.Select(n => n.Split('/', '+')[0]).Distinct())
                if (module.GetType(name) is { } type) yield return (type, root);
        }
    }

    [Fact]
    public void Only_the_API_surface_of_a_module_uses_GraphQL_or_ASP_NET_Core()
    {
        var found = TypesUsing(ApiTechnology).Where(t => !IsApiSurface(t.Type, t.Root) && !MixedFiles.Contains(t.Type.FullName!)).Select(t => t.Type.FullName);
        found.ShouldBeEmpty();
    }

    [Fact]
    public void Decisions_are_pure()
    {
        // a use case's rules (a Decide method) see no GraphQL, web, database session or message bus
        string[] io = [.. ApiTechnology, "Marten", "Wolverine", "Npgsql", "Weasel"];
        var deciders = Modules().SelectMany(m => m.GetTypes()).Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Any(m => m.Name == "Decide")).ToList();
        deciders.ShouldNotBeEmpty();
        TypesUsing(io).Select(t => t.Type).Intersect(deciders).Select(t => t.FullName).ShouldBeEmpty();
    }

    [Fact]
    public void Handlers_use_no_GraphQL_or_ASP_NET_Core()
    {
        var found = TypesUsing(ApiTechnology).Where(t => t.Type.Name.EndsWith("Handler", StringComparison.Ordinal) && !MixedFiles.Contains(t.Type.FullName!)).Select(t => t.Type.FullName);
        found.ShouldBeEmpty();
    }
}
