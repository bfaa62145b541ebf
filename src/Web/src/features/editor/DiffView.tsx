import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import type { DiffViewQuery } from '../../__generated__/DiffViewQuery.graphql';

/**
 * How an article's (or page's) text changed between two versions (articleDiff), inline, one line a row: removed
 * lines struck through after a "−", added ones after a "+", so it reads the same at 320 px as at a desk. The
 * marks are words for screen readers too (<del>/<ins> with "removed"/"added").
 */
export function DiffView({ articleId, from, to, headingLevel = 3 }: { articleId: string; from: number; to: number; headingLevel?: 2 | 3 }) {
  const { articleDiff: diff } = useLazyLoadQuery<DiffViewQuery>(
    graphql`
      query DiffViewQuery($articleId: ID!, $from: Int!, $to: Int!) {
        articleDiff(articleId: $articleId, from: $from, to: $to) {
          from to fromTitle toTitle
          lines { kind text }
        }
      }
    `,
    { articleId, from, to },
    { fetchPolicy: 'store-or-network' },
  );
  if (!diff) return <p className="alert" role="alert">These versions could not be found. Reload the page and try again.</p>;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const added = diff.lines.filter((l) => l.kind === 'ADDED').length;
  const removed = diff.lines.filter((l) => l.kind === 'REMOVED').length;
  return (
    <section aria-labelledby="diff-title" className="diff-section">
      <Heading id="diff-title">Changes from version {diff.from} to version {diff.to}</Heading>
      <p className="diff-title" role="status">
        {diff.fromTitle === diff.toTitle ? <>Title unchanged: “{diff.toTitle}”. </> : <>Title changed from “{diff.fromTitle}” to “{diff.toTitle}”. </>}
        {added === 0 && removed === 0 ? 'The text is the same.' : `${added} ${added === 1 ? 'line' : 'lines'} added, ${removed} removed.`}
      </p>
      <ol className="diff" aria-label={`Text, version ${diff.from} to ${diff.to}`}>
        {diff.lines.map((line, i) => (
          <li key={i} className={`diff__line--${line.kind.toLowerCase()}`}>
            {line.kind === 'ADDED' ? <><span className="diff__mark" aria-hidden="true">+</span><ins><span className="visually-hidden">Added: </span>{line.text}</ins></>
              : line.kind === 'REMOVED' ? <><span className="diff__mark" aria-hidden="true">−</span><del><span className="visually-hidden">Removed: </span>{line.text}</del></>
              : <><span className="diff__mark" aria-hidden="true"> </span><span>{line.text}</span></>}
          </li>
        ))}
      </ol>
    </section>
  );
}
