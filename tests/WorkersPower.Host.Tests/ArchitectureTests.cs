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
}
