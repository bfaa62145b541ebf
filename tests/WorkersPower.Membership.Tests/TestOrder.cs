using WorkersPower.Testing;

// PrivacyTests waits out the token check's cache twice (10 s): it starts first, the rest runs beside it.
[assembly: TestCollectionOrderer(StartsFirstOrderer.TypeName, StartsFirstOrderer.AssemblyName)]
