namespace WorkersPower.Decisions;

/// <summary>Decisions' own Marten store, in the PostgreSQL schema "decisions".</summary>
public interface IDecisionsStore : IDocumentStore;
