using WorkersPower.Testing;

// The fuzz run (a fixed 20 s) and the dead-letter retries (on timers) start first: the rest runs beside them.
[assembly: TestCollectionOrderer(StartsFirstOrderer.TypeName, StartsFirstOrderer.AssemblyName)]
