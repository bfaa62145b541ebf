namespace WorkersPower.Membership;

/// <summary>Membership's own Marten store, in the PostgreSQL schema "membership".</summary>
public interface IMembershipStore : IDocumentStore;
