namespace WorkersPower.Platform.GraphQL;

/// <summary>An object type named and described in its constructor's first line (<c>: base("Money", "An amount…")</c>), as payload types are.</summary>
public abstract class ObjectType<T> : ObjectGraphType<T>
{
    protected ObjectType(string name, string description)
    {
        Name = name;
        Description = description;
    }
}
