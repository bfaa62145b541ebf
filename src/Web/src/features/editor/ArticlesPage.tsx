import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { Link, useSearchParams } from 'react-router';
import type { ArticlesPageEditorQuery, ArticleStatus } from '../../__generated__/ArticlesPageEditorQuery.graphql';
import type { ArticlesPage_editorArticles$key } from '../../__generated__/ArticlesPage_editorArticles.graphql';
import { ShowMore } from '../../ui/ShowMore';
import { formatWhen, statuses } from './shared';

const pageSize = 20;

/** /editor: the articles of one status (?status=draft, in-review, published, unpublished, archived), newest first, a page at a time. */
export function ArticlesPage() {
  const [params] = useSearchParams();
  const chosen = statuses.find((s) => s.param === params.get('status')) ?? statuses[0]!;
  return (
    <>
      <title>{`${chosen.label} · Editing · Workers Power`}</title>
      <h1>Articles</h1>
      <p className="actions"><Link className="button" to="/editor/new">New article</Link></p>
      <nav className="status-tabs" aria-label="Articles by status">
        <ul>
          {statuses.map((s) => (
            <li key={s.value}><Link to={`/editor?status=${s.param}`} aria-current={s.value === chosen.value ? 'page' : undefined}>{s.label}</Link></li>
          ))}
        </ul>
      </nav>
      <List status={chosen.value} label={chosen.label} />
    </>
  );
}

function List({ status, label }: { status: ArticleStatus; label: string }) {
  const data = useLazyLoadQuery<ArticlesPageEditorQuery>(
    graphql`
      query ArticlesPageEditorQuery($status: ArticleStatus!) {
        ...ArticlesPage_editorArticles @arguments(status: $status)
      }
    `,
    { status },
    { fetchPolicy: 'store-and-network' },
  );
  const { data: page, loadNext, hasNext, isLoadingNext } = usePaginationFragment(
    graphql`
      fragment ArticlesPage_editorArticles on Query
        @refetchable(queryName: "ArticlesPageEditorPaginationQuery")
        @argumentDefinitions(status: { type: "ArticleStatus!" }, count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
        articles(filter: { status: $status }, first: $count, after: $cursor) @connection(key: "EditorArticles_articles", filters: ["filter"]) {
          totalCount
          edges { node { id title visibility updatedAt } }
        }
      }
    `,
    data as ArticlesPage_editorArticles$key,
  );
  const rows = page.articles.edges.map((e) => e.node);
  return (
    <section aria-labelledby="list-title">
      <h2 id="list-title">{label}</h2>
      <p role="status">{page.articles.totalCount === 0 ? `No articles here.` : `${rows.length} of ${page.articles.totalCount} shown.`}</p>
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <thead><tr><th scope="col">Title</th><th scope="col">Readers</th><th scope="col">Last changed</th></tr></thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td><Link to={`/editor/articles/${encodeURIComponent(a.id)}`}>{a.title}</Link></td>
                  <td className="nowrap">{a.visibility === 'MEMBERS' ? 'Members' : 'Everyone'}</td>
                  <td><time dateTime={a.updatedAt}>{formatWhen(a.updatedAt)}</time></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={pageSize} />
    </section>
  );
}
