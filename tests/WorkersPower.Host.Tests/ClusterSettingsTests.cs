using System.Security.Cryptography;
using JasperFx.Events.Daemon;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WorkersPower.Host.Composition;

namespace WorkersPower.Host.Tests;

/// <summary>Cluster:Mode and what follows from it, without a database: parsing, the modes chosen, shared keys.</summary>
public sealed class ClusterSettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Without_settings_the_host_runs_solo_with_the_solo_daemon()
    {
        var config = Config();
        ClusterSettings.Mode(config).ShouldBe(ClusterMode.Solo);
        ClusterSettings.ProjectionDaemon(config, ClusterMode.Solo).ShouldBe(DaemonMode.Solo);
    }

    [Theory]
    [InlineData("Balanced")]
    [InlineData("balanced")]
    [InlineData(" BALANCED ")]
    public void The_cluster_mode_ignores_case_and_spaces(string value) =>
        ClusterSettings.Mode(Config(("Cluster:Mode", value))).ShouldBe(ClusterMode.Balanced);

    [Fact]
    public void Balanced_runs_the_projections_hot_cold_unless_projections_daemon_says_otherwise()
    {
        ClusterSettings.ProjectionDaemon(Config(), ClusterMode.Balanced).ShouldBe(DaemonMode.HotCold);
        ClusterSettings.ProjectionDaemon(Config(("Projections:Daemon", "disabled")), ClusterMode.Balanced).ShouldBe(DaemonMode.Disabled);
        ClusterSettings.ProjectionDaemon(Config(("Projections:Daemon", "Solo")), ClusterMode.Balanced).ShouldBe(DaemonMode.Solo);
        ClusterSettings.ProjectionDaemon(Config(("Projections:Daemon", "HotCold")), ClusterMode.Solo).ShouldBe(DaemonMode.HotCold);
    }

    [Theory]
    [InlineData("Cluster:Mode", "Swarm", "Cluster:Mode is 'Swarm': use Solo or Balanced.")]
    [InlineData("Cluster:Mode", "1", "Cluster:Mode is '1': use Solo or Balanced.")]
    [InlineData("Projections:Daemon", "ExternallyManaged", "Projections:Daemon is 'ExternallyManaged': use Solo, HotCold or Disabled.")]
    public void An_unknown_value_is_refused_with_the_values_allowed(string key, string value, string message)
    {
        var config = Config((key, value));
        Should.Throw<InvalidOperationException>(() => ClusterSettings.ProjectionDaemon(config, ClusterSettings.Mode(config)))
            .Message.ShouldBe(message);
    }

    [Fact]
    public void Solo_makes_wolverine_own_every_message_of_the_database()
    {
        var options = new WolverineOptions();
        ClusterSettings.ApplyTo(options, ClusterMode.Solo);
        options.Durability.Mode.ShouldBe(DurabilityMode.Solo);
    }

    [Fact]
    public void Balanced_declares_a_silent_node_dead_within_seconds_not_a_minute()
    {
        var options = new WolverineOptions();
        ClusterSettings.ApplyTo(options, ClusterMode.Balanced);
        var durability = options.Durability;
        durability.Mode.ShouldBe(DurabilityMode.Balanced);
        // Detection (stale timeout + the ticks to see it twice) plus the orphan sweep stays well under 30 s.
        (durability.StaleNodeTimeout + durability.HealthCheckPollingTime * durability.StaleNodeEjectionThreshold + durability.OrphanedMessageSweepPollingTime)
            .ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(20));
        durability.HealthCheckPollingTime.ShouldBeLessThan(durability.StaleNodeTimeout / 3, "a live node must not miss the timeout for one slow beat");
    }

    [Fact]
    public void Nodes_sharing_a_keys_directory_read_each_others_protected_data()
    {
        var directory = Directory.CreateTempSubdirectory("wp-keys-");
        try
        {
            var config = Config(("DataProtection:KeysDirectory", directory.FullName));
            var protectedByA = Protector(config).Protect("a session");
            Protector(config).Unprotect(protectedByA).ShouldBe("a session");

            var elsewhere = Directory.CreateTempSubdirectory("wp-keys-");
            try
            {
                Should.Throw<CryptographicException>(() => Protector(Config(("DataProtection:KeysDirectory", elsewhere.FullName))).Unprotect(protectedByA));
            }
            finally { elsewhere.Delete(recursive: true); }
        }
        finally { directory.Delete(recursive: true); }
    }

    /// <summary>A data protector as one node would build it (its own container, the shared settings).</summary>
    private static IDataProtector Protector(IConfiguration config)
    {
        var services = new ServiceCollection();
        ClusterSettings.AddSharedDataProtection(services, config);
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
    }
}
