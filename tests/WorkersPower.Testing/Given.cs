using System.Reflection;

namespace WorkersPower.Testing;

/// <summary>
/// The "given" of a decider test: the state a projection builds from events, folded in memory through the
/// projection's own static <c>Create</c> and <c>Apply</c> methods (Marten's conventions), with no database.
/// </summary>
public static class Given
{
    /// <summary>The state <typeparamref name="TProjection"/> makes of <paramref name="events"/>, in order.</summary>
    public static TState Events<TProjection, TState>(params object[] events) where TState : class
    {
        TState? state = null;
        foreach (var e in events) state = Step(typeof(TProjection), state, e);
        return state ?? throw new InvalidOperationException($"{typeof(TProjection).Name} made no {typeof(TState).Name} of these events.");
    }

    private static TState? Step<TState>(Type projection, TState? state, object e) where TState : class
    {
        const BindingFlags Static = BindingFlags.Public | BindingFlags.Static;
        if (state is null)
        {
            var create = projection.GetMethods(Static).FirstOrDefault(m => m.Name == "Create" && m.GetParameters() is [var p] && p.ParameterType.IsInstanceOfType(e))
                ?? throw new InvalidOperationException($"{projection.Name} has no Create({e.GetType().Name}).");
            return (TState?)create.Invoke(null, [e]);
        }
        var apply = projection.GetMethods(Static).FirstOrDefault(m => m.Name == "Apply" && m.GetParameters() is [var p, var s]
            && p.ParameterType.IsInstanceOfType(e) && s.ParameterType.IsInstanceOfType(state));
        if (apply is null) return state; // an event the projection ignores
        var result = apply.Invoke(null, [e, state]);
        return apply.ReturnType == typeof(void) ? state : (TState?)result;
    }
}
