import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import type { ProgrammePageQuery } from '../../__generated__/ProgrammePageQuery.graphql';
import { Markdown } from '../../ui/Markdown';

/** The programme (the standing page "the-programme"), which joining means accepting. */
export function ProgrammePage() {
  const { page } = useLazyLoadQuery<ProgrammePageQuery>(
    graphql`
      query ProgrammePageQuery {
        page(slug: "the-programme") { title body }
      }
    `,
    {},
  );
  if (!page) return <><title>Programme · Workers Power</title><h1>The programme</h1><p>The programme is not published here yet.</p></>;
  return (
    <article className="form">
      <title>{`${page.title} · Workers Power`}</title>
      <h1>{page.title}</h1>
      <Markdown text={page.body} />
    </article>
  );
}
