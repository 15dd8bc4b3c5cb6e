import { createClient, type Client } from 'graphql-sse';
import { useEffect, useRef, useState } from 'react';
import { problemOfGraphQLError, problemsOf, type Problem } from '../ui/problems';
import { sessionStore } from './session';

/** What tracking announces about an order's parcels; the steps themselves are read again through the gateway. */
export interface JourneyUpdate {
  orderId: string;
  shipments: Array<{ trackingNumber: string; lastKind: string | null; lastEventAt: string | null; delivered: boolean }>;
}

const SUBSCRIPTION = `subscription ConsoleOrderJourney($id: ID!) {
  orderJourney(orderId: $id) { orderId shipments { trackingNumber lastKind lastEventAt delivered } }
}`;

let client: Client | undefined;
/** One client for the page: each subscription is its own event stream to tracking, through the console's server. */
function liveClient(): Client {
  client ??= createClient({
    url: '/graphql/stream',
    // Read at each connection, so a new login is used and nothing is kept beside the in-memory session.
    headers: (): Record<string, string> => {
      const token = sessionStore.get()?.token;
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    retryAttempts: 3,
  });
  return client;
}

export type LiveState = { kind: 'connecting' } | { kind: 'live'; updates: number } | { kind: 'stopped'; problems: Problem[] };

/**
 * Follows an order's journey live (graphql-sse): `onChange` runs on every update after the first, which is the
 * journey as it already is. A refusal ends the stream and is reported as a problem, like any other answer.
 */
export function useLiveJourney(orderId: string, onChange: (update: JourneyUpdate) => void): LiveState {
  const [state, setState] = useState<LiveState>({ kind: 'connecting' });
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let updates = 0;
    setState({ kind: 'connecting' });
    const unsubscribe = liveClient().subscribe<{ orderJourney: JourneyUpdate }>(
      { query: SUBSCRIPTION, variables: { id: orderId } },
      {
        next: (result) => {
          if (result.errors?.length) {
            setState({ kind: 'stopped', problems: result.errors.map((error) => problemOfGraphQLError(error)) });
            return;
          }
          if (!result.data) return;
          if (updates > 0) latest.current(result.data.orderJourney);
          updates += 1;
          setState({ kind: 'live', updates });
        },
        error: (error: unknown) => setState({ kind: 'stopped', problems: problemsOf(error instanceof Error ? error : new Error(String(error))) }),
        complete: () => setState((previous) => (previous.kind === 'stopped' ? previous : { kind: 'stopped', problems: [] })),
      },
    );
    return unsubscribe;
  }, [orderId]);
  return state;
}
