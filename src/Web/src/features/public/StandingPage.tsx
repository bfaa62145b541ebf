import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { Link, useParams } from 'react-router';
import type { StandingPageQuery } from '../../__generated__/StandingPageQuery.graphql';
import { Markdown } from '../../ui/Markdown';

/**
 * A standing page (page(slug)): /pages/:slug, and the addresses people know by name, /programme (the programme,
 * which joining means accepting) and /about, which give their slug.
 */
export function StandingPage({ slug: fixed }: { slug?: string }) {
  const params = useParams();
  const slug = fixed ?? params.slug ?? '';
  const { page } = useLazyLoadQuery<StandingPageQuery>(
    graphql`
      query StandingPageQuery($slug: String!) {
        page(slug: $slug) { title body }
      }
    `,
    { slug },
  );
  if (!page) {
    return (
      <>
        <title>Not found · Workers Power</title>
        <h1>There is no page here</h1>
        <p>It may have moved. <Link to="/">Go to the home page</Link>.</p>
      </>
    );
  }
  return (
    <article className="form">
      <title>{`${page.title} · Workers Power`}</title>
      <h1>{page.title}</h1>
      <Markdown text={page.body} />
    </article>
  );
}
