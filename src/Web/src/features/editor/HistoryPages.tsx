import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { Link, useParams } from 'react-router';
import type { HistoryPagesArticleQuery } from '../../__generated__/HistoryPagesArticleQuery.graphql';
import type { HistoryPagesPageQuery } from '../../__generated__/HistoryPagesPageQuery.graphql';
import { History } from './History';

/** /editor/articles/:id/history: an article's versions, a comparison of two, restoring one. */
export function ArticleHistoryPage() {
  const { id = '' } = useParams();
  const { node } = useLazyLoadQuery<HistoryPagesArticleQuery>(
    graphql`
      query HistoryPagesArticleQuery($id: ID!) {
        node(id: $id) { __typename ... on Article { id title ...History_article @alias(as: "history") } }
      }
    `,
    { id },
    { fetchPolicy: 'network-only' },
  );
  if (!node || node.__typename !== 'Article' || !node.history) return <Missing what="article" back="/editor" />;
  return (
    <>
      <title>{`History: ${node.title} · Editing · Workers Power`}</title>
      <h1>History of “{node.title}”</h1>
      <p><Link to={`/editor/articles/${encodeURIComponent(node.id)}`}>Back to the editor</Link></p>
      <History article={node.history} kind="article" />
    </>
  );
}

/** /editor/pages/:slug/history: a standing page's versions, a comparison of two, restoring one. */
export function PageHistoryPage() {
  const { slug = '' } = useParams();
  const { page } = useLazyLoadQuery<HistoryPagesPageQuery>(
    graphql`
      query HistoryPagesPageQuery($slug: String!) {
        page(slug: $slug) { id title ...History_article }
      }
    `,
    { slug },
    { fetchPolicy: 'network-only' },
  );
  if (!page) return <Missing what="page" back="/editor/pages" />;
  return (
    <>
      <title>{`History: ${page.title} · Editing · Workers Power`}</title>
      <h1>History of “{page.title}”</h1>
      <p><Link to={`/editor/pages/${encodeURIComponent(slug)}`}>Back to the editor</Link></p>
      <History article={page} kind="page" />
    </>
  );
}

function Missing({ what, back }: { what: string; back: string }) {
  return (
    <>
      <title>Not found · Editing · Workers Power</title>
      <h1>There is no such {what}</h1>
      <p><Link to={back}>Back to the list</Link>.</p>
    </>
  );
}
