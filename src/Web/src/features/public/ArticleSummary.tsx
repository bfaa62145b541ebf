import { graphql, useFragment } from 'react-relay/hooks';
import { Link } from 'react-router';
import type { ArticleSummary_article$key } from '../../__generated__/ArticleSummary_article.graphql';
import { formatDate } from '../../ui/dates';

/** An article in a list: title, author and date, summary, tags. */
export function ArticleSummary({ article }: { article: ArticleSummary_article$key }) {
  const a = useFragment(
    graphql`
      fragment ArticleSummary_article on Article {
        slug
        title
        summary
        publishedAt
        tags
        author { displayName }
      }
    `,
    article,
  );
  return (
    <article className="card">
      <h3><Link to={`/articles/${a.slug}`}>{a.title}</Link></h3>
      <p className="meta">
        {a.author?.displayName ? <>{a.author.displayName} · </> : null}
        {a.publishedAt ? <time dateTime={a.publishedAt}>{formatDate(a.publishedAt)}</time> : null}
      </p>
      {a.summary ? <p>{a.summary}</p> : null}
      {a.tags.length > 0 ? (
        <ul className="tags" aria-label="Tags">{a.tags.map((t) => <li key={t}>{t}</li>)}</ul>
      ) : null}
    </article>
  );
}
