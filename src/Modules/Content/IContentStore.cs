namespace WorkersPower.Content;

/// <summary>Content's own Marten store, in the PostgreSQL schema "content".</summary>
public interface IContentStore : IDocumentStore;
