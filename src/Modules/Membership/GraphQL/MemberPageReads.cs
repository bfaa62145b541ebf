using GraphQLParser.AST;

namespace WorkersPower.Membership.GraphQL;

/// <summary>Which reads of a page's members the fields selected on them will record (see <see cref="MemberPageReads"/>).</summary>
internal enum PageReads
{
    /// <summary>No field that records a read: nothing is recorded.</summary>
    None,

    /// <summary>Personal fields (or history): recorded for members the caller <see cref="Actor.SeesPersonal"/>, not the caller.</summary>
    Personal,

    /// <summary>Contribution fields (with or without personal ones): recorded for members the caller <see cref="Actor.SeesContributions"/>, not the caller.</summary>
    Contributions,

    /// <summary>Not known up front (a directive, or a field not listed here): the field resolvers record as they go.</summary>
    Undecided,
}

/// <summary>
/// Reads a <c>members</c> connection's selection to say, before the page is read, which of its members the
/// <c>Member</c> fields' resolvers will record a personal-data read of (<see cref="MemberAccess"/>): so the
/// search can write those records in its own statement. Only fields listed here are understood; any other field
/// of Member (another module's extension, a new field), or any directive (@skip, @include) on the way, answers
/// <see cref="PageReads.Undecided"/>. A field added to Member stays Undecided until it is listed here with what it records.
/// </summary>
internal static class MemberPageReads
{
    /// <summary>Fields that read no personal data of the member (other members they lead to record their own reads).</summary>
    private static readonly HashSet<string> Unrecorded = new(StringComparer.Ordinal)
        { "__typename", "id", "givenName", "familyName", "status", "roles", "grants", "branch", "joinedOn", "erased", "pendingEmail" };

    /// <summary><see cref="MemberAccess.PersonalAsync"/> fields, and history (<see cref="MemberAccess.MayReadAsync"/> with SeesPersonal).</summary>
    private static readonly HashSet<string> Personal = new(StringComparer.Ordinal)
    {
        "email", "phone", "postcode", "statusReason", "statusChangedAt", "union", "workplace", "interests", "availability",
        "communicationPreferences", "accountActivated", "history",
    };

    /// <summary><see cref="MemberAccess.ContributionAsync"/> fields, and contributionPayments (MayReadAsync with SeesContributions).</summary>
    private static readonly HashSet<string> Contribution = new(StringComparer.Ordinal)
        { "contribution", "contributionFrequency", "monthsInArrears", "arrears", "contributionPayments" };

    private enum Level { Connection, Edge, Member }

    public static PageReads Of(IResolveFieldContext context)
    {
        var walk = new Walk(context.Document);
        walk.Visit(context.FieldAst.SelectionSet, Level.Connection, 0);
        return walk.Undecided ? PageReads.Undecided
            : walk.Contributions ? PageReads.Contributions
            : walk.Personal ? PageReads.Personal
            : PageReads.None;
    }

    private sealed class Walk(GraphQLDocument document)
    {
        public bool Personal, Contributions, Undecided;

        public void Visit(GraphQLSelectionSet? selections, Level level, int depth)
        {
            if (selections is null || Undecided) return;
            if (depth > 10) { Undecided = true; return; }
            foreach (var selection in selections.Selections)
            {
                if (selection is IHasDirectivesNode { Directives.Count: > 0 }) { Undecided = true; return; }
                switch (selection)
                {
                    case GraphQLField field:
                        Field(field, level, depth);
                        break;
                    case GraphQLInlineFragment inline: // on an object type, every fragment validation let through applies
                        Visit(inline.SelectionSet, level, depth + 1);
                        break;
                    case GraphQLFragmentSpread spread:
                        var fragment = document.Definitions.OfType<GraphQLFragmentDefinition>()
                            .FirstOrDefault(f => f.FragmentName.Name.Value.Span.SequenceEqual(spread.FragmentName.Name.Value.Span));
                        if (fragment is null || fragment.Directives is { Count: > 0 }) { Undecided = true; return; }
                        Visit(fragment.SelectionSet, level, depth + 1);
                        break;
                    default:
                        Undecided = true;
                        return;
                }
            }
        }

        private void Field(GraphQLField field, Level level, int depth)
        {
            var name = field.Name.StringValue;
            switch (level, name)
            {
                case (Level.Connection, "nodes"):
                case (Level.Edge, "node"):
                    Visit(field.SelectionSet, Level.Member, depth + 1);
                    break;
                case (Level.Connection, "edges"):
                    Visit(field.SelectionSet, Level.Edge, depth + 1);
                    break;
                case (Level.Connection, "totalCount" or "pageInfo" or "__typename"):
                case (Level.Edge, "cursor" or "__typename"):
                    break;
                case (Level.Member, _) when Unrecorded.Contains(name):
                    break;
                case (Level.Member, _) when MemberPageReads.Personal.Contains(name):
                    Personal = true;
                    break;
                case (Level.Member, _) when Contribution.Contains(name):
                    Contributions = true;
                    break;
                default:
                    Undecided = true;
                    break;
            }
        }
    }
}
