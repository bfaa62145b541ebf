import { graphql, useFragment } from 'react-relay/hooks';
import type { CampaignProgress_progress$key } from '../../__generated__/CampaignProgress_progress.graphql';

/**
 * A campaign's figures: how many take part against the goal (with a bar), and the current sign-ups. The figures sit
 * in a polite live region, so a screen reader says the new count when the subscription moves it.
 */
export function CampaignProgress({ progress }: { progress: CampaignProgress_progress$key }) {
  const p = useFragment(
    graphql`
      fragment CampaignProgress_progress on CampaignProgress {
        participants
        signUps
        actionsScheduled
        goal
      }
    `,
    progress,
  );
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    <section className="campaign-progress" aria-label="Progress">
      <div aria-live="polite" aria-atomic="true" className="campaign-progress__figures">
        <p className="progress">
          {p.participants} taking part{p.goal ? ` of a goal of ${p.goal}` : ''}
        </p>
        <p className="campaign-progress__signups">
          {plural(p.signUps, 'sign-up', 'sign-ups')} to {plural(p.actionsScheduled, 'action', 'actions')}
        </p>
      </div>
      {p.goal ? (
        <progress className="campaign-progress__bar" max={p.goal} value={Math.min(p.participants, p.goal)}
          aria-label={`${p.participants} of a goal of ${p.goal} taking part`} />
      ) : null}
    </section>
  );
}
