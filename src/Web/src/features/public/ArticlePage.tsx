import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { Link, useParams } from 'react-router';
import type { ArticlePageQuery } from '../../__generated__/ArticlePageQuery.graphql';
import { formatDate } from '../../ui/dates';
import { Markdown } from '../../ui/Markdown';

/** An article: title, author, date, tags, its campaign, and its Markdown body (never raw HTML). */
export function ArticlePage() {
  const { slug = '' } = useParams();
  const { article } = useLazyLoadQuery<ArticlePageQuery>(
    graphql`
      query ArticlePageQuery($slug: String!) {
        article(slug: $slug) {
          title summary body publishedAt tags
          author { displayName }
          campaign { slug title }
        }
      }
    `,
    { slug },
  );
  if (!article) {
    return <><title>Not found · Workers Power</title><h1>There is no article here</h1><p><Link to="/">See the latest articles</Link>.</p></>;
  }
  return (
    <article className="form">
      <title>{`${article.title} · Workers Power`}</title>
      <h1>{article.title}</h1>
      <p className="meta">
        {article.author?.displayName ? <>{article.author.displayName} · </> : null}
        {article.publishedAt ? <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time> : null}
      </p>
      {article.summary ? <p className="lead">{article.summary}</p> : null}
      <Markdown text={article.body} />
      {article.tags.length > 0 ? <ul className="tags" aria-label="Tags">{article.tags.map((t) => <li key={t}>{t}</li>)}</ul> : null}
      {article.campaign ? <p>Part of the campaign <Link to={`/campaigns/${article.campaign.slug}`}>{article.campaign.title}</Link>.</p> : null}
    </article>
  );
}
