namespace WorkersPower.Campaigns;

/// <summary>Campaigns' own Marten store, in the PostgreSQL schema "campaigns".</summary>
public interface ICampaignsStore : IDocumentStore;
