namespace WorkersPower.Platform.GraphQL;

/// <summary>
/// One field of the Mutation type, declared in the file of the use case it exposes
/// (<c>Campaigns/Actions/SignUpForAction.cs</c> holds <c>SignUpForActionField</c>). The host finds every one in a
/// module's assembly (<see cref="SchemaParts.AddSchemaParts"/>): no file lists the mutations by hand.
/// </summary>
public interface IMutationField
{
    void AddTo(ObjectGraphType mutation);
}

/// <summary>What a mutation answers when the database refused its write because someone got there first.</summary>
/// <param name="Conflict">The stream or document changed since it was read (after <paramref name="Retries"/> re-tries).</param>
/// <param name="Duplicate">A unique index refused the write (a slug or name taken at the same moment); null: it cannot happen.</param>
/// <param name="Retries">How often a concurrency conflict is re-tried, after a short random pause, before answering
/// <paramref name="Conflict"/>: for commands many people send at once (sign-ups for the last places), each re-try
/// re-reads the state, so the rules hold exactly and nothing is lost.</param>
public sealed record RaceAnswers(UserError Conflict, UserError? Duplicate = null, int Retries = 0);

public static class Mutations
{
    /// <summary>
    /// A mutation field as every one is declared: a non-null payload of <typeparamref name="TPayloadType"/> and one
    /// non-null <c>input</c> of <typeparamref name="TInputType"/>.
    /// </summary>
    public static FieldBuilder<object?, object> Mutation<TPayloadType, TInputType>(this ObjectGraphType mutation, string name, string description,
        string inputDescription = "What to do.")
        where TPayloadType : IGraphType where TInputType : IInputObjectGraphType =>
        mutation.Field<NonNullGraphType<TPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<TInputType>>("input", inputDescription);

    /// <summary>The mutation's input, as its input record.</summary>
    public static TInput Input<TInput>(this IResolveFieldContext context) => context.GetArgument<TInput>("input");

    /// <summary>The caller; mutations run only for authenticated callers, so it is there.</summary>
    public static Caller Caller(this IResolveFieldContext context) =>
        Platform.Caller.From(context.User) ?? throw new ExecutionError("Sign in first.") { Code = ErrorCodes.Unauthenticated };

    /// <summary>
    /// Sends the command to its handler (in-process, in the handler's transaction) and answers its result. A
    /// concurrency conflict is re-tried as <paramref name="races"/> says and then answered as its Conflict; a unique
    /// violation as its Duplicate; a result the caller may not have (<see cref="CommandResult.Forbidden"/>) throws FORBIDDEN.
    /// </summary>
    public static async Task<CommandResult> InvokeAsync(this IResolveFieldContext context, object command, RaceAnswers races)
    {
        var result = await context.InvokeAsync<CommandResult>(command, races).ConfigureAwait(false);
        if (result.Forbidden is { } forbidden) throw new ExecutionError(forbidden) { Code = ErrorCodes.Forbidden };
        return result;
    }

    /// <summary>As <see cref="InvokeAsync(IResolveFieldContext, object, RaceAnswers)"/> for a handler with a result of its own;
    /// a lost race is answered by <paramref name="lost"/>.</summary>
    public static async Task<T> InvokeAsync<T>(this IResolveFieldContext context, object command, RaceAnswers races, Func<UserError, T>? lost = null)
    {
        var bus = context.RequestServices!.GetRequiredService<IMessageBus>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await bus.InvokeAsync<T>(command, context.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e) && attempt <= races.Retries)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), context.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e) || (races.Duplicate is not null && DatabaseErrors.IsUniqueViolation(e)))
            {
                var error = DatabaseErrors.IsConcurrencyConflict(e) ? races.Conflict : races.Duplicate!;
                if (lost is not null) return lost(error);
                if (typeof(T) == typeof(CommandResult)) return (T)(object)CommandResult.Refused(error);
                throw;
            }
        }
    }
}

/// <summary>Finds a module's parts of the schema in its assembly, so no file lists them by hand.</summary>
public static class SchemaParts
{
    private static readonly Type[] Contracts = [typeof(IMutationField), typeof(ISchemaContributor), typeof(INodeResolver), typeof(IObjectTypeExtension)];

    /// <summary>
    /// Registers every concrete class of <paramref name="assembly"/> that is a mutation field, a schema contributor
    /// (query and subscription fields), a node resolver or an object type extension, as a singleton of that contract.
    /// </summary>
    public static IServiceCollection AddSchemaParts(this IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }).OrderBy(t => t.FullName, StringComparer.Ordinal))
            foreach (var contract in Contracts.Where(c => c.IsAssignableFrom(type)))
                services.AddSingleton(contract, type);
        return services;
    }
}
