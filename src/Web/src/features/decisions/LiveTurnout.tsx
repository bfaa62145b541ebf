import { useMemo, useState } from 'react';
import { graphql, useSubscription } from 'react-relay/hooks';
import type { GraphQLSubscriptionConfig } from 'relay-runtime';
import type { LiveTurnoutSubscription } from '../../__generated__/LiveTurnoutSubscription.graphql';
import { percent, quorumVotes } from './words';

type Figures = { turnout: number | null | undefined; electorateSize: number | null | undefined; quorum: number; status: string };

/**
 * A ballot's turnout while it is open, moved by the ballotTurnout subscription without a reload: how many have voted
 * of how many may, and whether the quorum is reached. Never how they voted: no partial results exist before the close.
 * The subscription writes the figures (and the status, when the ballot closes) onto the ballot in the store, so
 * every screen showing it moves; `onStatusChange` is told when the ballot opens or closes (render it keyed by the
 * status, so that it subscribes afresh then).
 */
export function LiveTurnout({ ballotId, figures, id, onStatusChange }: { ballotId: string; figures: Figures; id?: string; onStatusChange?: () => void }) {
  const initialStatus = figures.status;
  const [reached, setReached] = useState<boolean | null>(null);
  const config = useMemo<GraphQLSubscriptionConfig<LiveTurnoutSubscription>>(() => ({
    subscription: graphql`
      subscription LiveTurnoutSubscription($ballotId: ID!) {
        ballotTurnout(ballotId: $ballotId) { ballotId turnout electorateSize quorumReached status }
      }
    `,
    variables: { ballotId },
    updater: (store, data) => {
      const next = data?.ballotTurnout;
      const record = store.get(ballotId);
      if (!next || !record) return;
      record.setValue(next.turnout, 'turnout');
      record.setValue(next.electorateSize, 'electorateSize');
      record.setValue(next.status, 'status');
    },
    onNext: (data) => {
      const next = data?.ballotTurnout;
      if (!next) return;
      setReached(next.quorumReached);
      if (next.status !== initialStatus) onStatusChange?.();
    },
    // the live connection gave up: the figures stay as last shown, fresh again on the next visit
    onError: () => undefined,
  }), [ballotId, onStatusChange, initialStatus]);
  useSubscription(config);
  return <TurnoutLine figures={figures} reached={reached} id={id} />;
}

/** The turnout in words, in a polite live region. */
export function TurnoutLine({ figures, reached, id }: { figures: Figures; reached?: boolean | null; id?: string }) {
  const { turnout, electorateSize, quorum, status } = figures;
  if (status === 'SCHEDULED' || electorateSize == null) {
    return <p className="turnout" id={id} role="status">Not open yet: who may vote is settled when it opens.</p>;
  }
  const voted = turnout ?? 0;
  const needed = quorumVotes(quorum, electorateSize);
  const met = reached ?? voted >= needed;
  const share = electorateSize > 0 ? ` (${percent(voted / electorateSize)})` : '';
  return (
    <p className="turnout" id={id} role="status" aria-atomic="true">
      <strong>{voted} of {electorateSize}</strong> {electorateSize === 1 ? 'member' : 'members'} {status === 'CLOSED' ? 'voted' : 'have voted so far'}{share}.{' '}
      {quorum > 0 ? (met ? `The quorum (${percent(quorum)}, ${needed} ${needed === 1 ? 'vote' : 'votes'}) is reached.` : `The quorum is ${percent(quorum)}: ${needed} ${needed === 1 ? 'vote' : 'votes'}.`) : 'No quorum is set.'}
    </p>
  );
}
