import { useEffect, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { useSearchParams } from 'react-router';
import type { ArticlesPageQuery } from '../../__generated__/ArticlesPageQuery.graphql';
import type { ArticlesPage_articles$key } from '../../__generated__/ArticlesPage_articles.graphql';
import type { ArticlesPageSearchQuery } from '../../__generated__/ArticlesPageSearchQuery.graphql';
import type { ArticlesPage_search$key } from '../../__generated__/ArticlesPage_search.graphql';
import { ArticleSummary } from './ArticleSummary';
import { ShowMore } from '../../ui/ShowMore';
import './public.css';

const maxQuery = 200;

/** The articles, newest first, a page at a time; with ?q=… the full-text search's results, best match first. */
export function ArticlesPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim().slice(0, maxQuery);
  const [typed, setTyped] = useState(q);
  useEffect(() => setTyped(q), [q]);
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = typed.trim();
    setParams(text ? { q: text } : {});
  };
  return (
    <>
      <title>{q ? `Search: ${q} · Workers Power` : 'Articles · Workers Power'}</title>
      <h1>Articles</h1>
      <form className="search" role="search" onSubmit={search}>
        <div className="field">
          <label htmlFor="q">Search the articles</label>
          <input id="q" name="q" type="search" maxLength={maxQuery} value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        <button type="submit" className="button">Search</button>
      </form>
      {q ? <SearchResults q={q} /> : <Latest />}
    </>
  );
}

function Latest() {
  const data = useLazyLoadQuery<ArticlesPageQuery>(
    graphql`
      query ArticlesPageQuery {
        ...ArticlesPage_articles
      }
    `,
    {},
    { fetchPolicy: 'store-and-network' },
  );
  const { data: page, loadNext, hasNext, isLoadingNext } = usePaginationFragment(
    graphql`
      fragment ArticlesPage_articles on Query
        @refetchable(queryName: "ArticlesPagePaginationQuery")
        @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
        articles(first: $count, after: $cursor) @connection(key: "ArticlesPage_articles") {
          edges { node { id ...ArticleSummary_article } }
        }
      }
    `,
    data as ArticlesPage_articles$key,
  );
  return (
    <section aria-labelledby="list-title">
      <h2 id="list-title">Latest articles</h2>
      <ArticleList ids={page.articles.edges.map((e) => e.node)} empty="No articles yet." />
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={10} />
    </section>
  );
}

function SearchResults({ q }: { q: string }) {
  const data = useLazyLoadQuery<ArticlesPageSearchQuery>(
    graphql`
      query ArticlesPageSearchQuery($q: String!) {
        ...ArticlesPage_search @arguments(q: $q)
      }
    `,
    { q },
  );
  const { data: page, loadNext, hasNext, isLoadingNext } = usePaginationFragment(
    graphql`
      fragment ArticlesPage_search on Query
        @refetchable(queryName: "ArticlesPageSearchPaginationQuery")
        @argumentDefinitions(q: { type: "String!" }, count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
        searchArticles(query: $q, first: $count, after: $cursor) @connection(key: "ArticlesPage_searchArticles") {
          totalCount
          edges { node { id ...ArticleSummary_article } }
        }
      }
    `,
    data as ArticlesPage_search$key,
  );
  const count = page.searchArticles.totalCount;
  return (
    <section aria-labelledby="list-title">
      <h2 id="list-title">Search results</h2>
      <p role="status">{count === 0 ? `No articles match “${q}”.` : `${count} ${count === 1 ? 'article matches' : 'articles match'} “${q}”.`}</p>
      <ArticleList ids={page.searchArticles.edges.map((e) => e.node)} empty="Try other words, or fewer." />
      <ShowMore hasNext={hasNext} isLoadingNext={isLoadingNext} loadNext={loadNext} count={10} />
    </section>
  );
}

function ArticleList({ ids, empty }: { ids: ReadonlyArray<{ readonly id: string } & Parameters<typeof ArticleSummary>[0]['article']>; empty: string }) {
  if (ids.length === 0) return <p className="muted">{empty}</p>;
  return <ul className="cards">{ids.map((a) => <li key={a.id}><ArticleSummary article={a} /></li>)}</ul>;
}
