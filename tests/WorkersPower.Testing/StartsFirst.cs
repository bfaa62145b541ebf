using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace WorkersPower.Testing;

/// <summary>
/// A test class that takes long on any machine (a fuzz run for a fixed time, retries on a timer): with
/// <see cref="StartsFirstOrderer"/> its collection is started before the others, so the others run beside it
/// instead of after it.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StartsFirstAttribute : Attribute;

/// <summary>
/// xunit's own order of test collections, with those of <see cref="StartsFirstAttribute"/> classes first. A test
/// project opts in with <c>[assembly: TestCollectionOrderer(StartsFirstOrderer.TypeName, StartsFirstOrderer.AssemblyName)]</c>.
/// </summary>
public sealed class StartsFirstOrderer : ITestCollectionOrderer
{
    public const string TypeName = "WorkersPower.Testing.StartsFirstOrderer";
    public const string AssemblyName = "WorkersPower.Testing";

    private const string ClassCollection = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var ordered = new DefaultTestCollectionOrderer().OrderTestCollections(testCollections).ToList();
        return ordered.Where(StartsFirst).Concat(ordered.Where(c => !StartsFirst(c)));
    }

    private static bool StartsFirst(ITestCollection collection) =>
        collection.DisplayName.StartsWith(ClassCollection, StringComparison.Ordinal)
        && collection.TestAssembly.Assembly.GetType(collection.DisplayName[ClassCollection.Length..]) is { } type
        && type.GetCustomAttributes(typeof(StartsFirstAttribute).AssemblyQualifiedName).Any();
}
