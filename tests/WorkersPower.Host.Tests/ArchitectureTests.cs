using System.Reflection;
using NetArchTest.Rules;
using WorkersPower.Platform;

namespace WorkersPower.Host.Tests;

/// <summary>The module boundaries of ARCHITECTURE.md, as tests.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Platform = typeof(IModule).Assembly;
    private static readonly Assembly HostAssembly = typeof(Composition.HostComposition).Assembly;

    /// <summary>Every module assembly deployed with the host, contracts included.</summary>
    private static IReadOnlyList<Assembly> Modules() =>
        Directory.GetFiles(AppContext.BaseDirectory, "WorkersPower.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n is not ("WorkersPower.Platform" or "WorkersPower.Host" or "WorkersPower.Testing") && !n!.EndsWith(".Tests", StringComparison.Ordinal))
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
    /// Types of a module's domain (everything outside its GraphQL namespace, its Demo namespace and the module class
    /// that composes it) that still use GraphQL today: files that mix a use case with its GraphQL field, or a handler
    /// that decodes a global id. The one-file-per-use-case step (issue 17) removes them; do not add to this list.
    /// </summary>
    private static readonly HashSet<string> MixedFiles = new(StringComparer.Ordinal)
    {
        // src/Modules/Campaigns/SignUps/SignUpFields.cs: the SignUp graph type and the reads behind its connection field, in one file
        "WorkersPower.Campaigns.SignUps.SignUpType",
        "WorkersPower.Campaigns.SignUps.SignUpReads",
        // src/Modules/Membership/Members/PaymentImport.cs: the import accepts a member's global id, decoded with Platform.GraphQL.GlobalId
        "WorkersPower.Membership.Members.PaymentImportHandler",
    };

    [Fact]
    public void Domain_code_does_not_use_GraphQL()
    {
        var found = new List<string>();
        foreach (var module in Modules())
        {
            var root = ModuleName(module);
            var result = Types.InAssembly(module).ShouldNot().HaveDependencyOnAny("GraphQL", "GraphQLParser", "WorkersPower.Platform.GraphQL").GetResult();
            foreach (var name in result.FailingTypeNames ?? [])
            {
                var outer = name.Split('/', '+')[0];
                var ns = outer.Contains('.', StringComparison.Ordinal) ? outer[..outer.LastIndexOf('.')] : "";
                if (ns == root + ".GraphQL" || ns.StartsWith(root + ".GraphQL.", StringComparison.Ordinal)) continue;
                if (ns == root + ".Demo" || ns.StartsWith(root + ".Demo.", StringComparison.Ordinal)) continue;
                if (ns == root && outer.EndsWith("Module", StringComparison.Ordinal)) continue;
                if (!MixedFiles.Contains(outer)) found.Add(outer);
            }
        }
        found.Distinct().ShouldBeEmpty();
    }
}
