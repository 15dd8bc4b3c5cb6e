import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { usePageVisible } from '../../app/page-visibility';
import { graphql } from '../../gql';

/**
 * How often an open order page checks for changes. No service streams order changes (the gateway cannot carry
 * subscriptions, and tracking's stream covers parcels only), so the page polls: staff act on what they see, so
 * faster than the storefront's 5 s–5 min, and only while the page is visible.
 */
export const ORDER_POLL_MS = 5_000;

// What changes when the order moves: core's status, version and timeline (fulfilment's notes land there too),
// fulfilment's steps and parcels. No personal field: a check is not a read the region logs as a disclosure.
const OrderChangesQuery = graphql(`
  query ConsoleOrderChanges($id: ID!) {
    order: orderByIdentifier(identifier: { id: $id }) {
      id
      version
      status
      updatedAt
      timeline {
        id
      }
      fulfilment {
        id
        state
        timeline {
          id
        }
      }
      shipments {
        id
        state
        etaAt
      }
    }
  }
`);

/**
 * Checks the order every `ORDER_POLL_MS` while the page is visible and calls `onChange` when anything the check
 * reads differs from the last check (or the first check finds a newer version than `shownVersion`), so the page
 * reads the whole order (and the region logs that read) only when there is something new. Answers when the page
 * was last known to be current.
 */
export function useOrderChanges(id: string, shownVersion: number | undefined, onChange: () => void): { updatedAt: Date | null; live: boolean } {
  const visible = usePageVisible();
  const { data, networkStatus, refetch } = useQuery(OrderChangesQuery, {
    variables: { id },
    fetchPolicy: 'no-cache',
    pollInterval: visible ? ORDER_POLL_MS : 0,
    notifyOnNetworkStatusChange: true,
  });
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const latest = useRef(onChange);
  latest.current = onChange;
  const seen = useRef<string | null>(null);
  const signature = data?.order ? JSON.stringify(data.order) : null;
  useEffect(() => {
    seen.current = null;
    setUpdatedAt(null);
  }, [id]);
  const version = data?.order?.version;
  // Runs on each new answer of the check only: the page's own version catching up after a read is not a change.
  useEffect(() => {
    if (!signature) return;
    // The first check is the baseline, unless the order already moved past what the page shows.
    const moved = seen.current === null ? shownVersion !== undefined && version !== shownVersion : seen.current !== signature;
    if (moved) latest.current();
    seen.current = signature;
  }, [signature]);
  useEffect(() => {
    if (networkStatus === NetworkStatus.ready && signature) setUpdatedAt(new Date());
  }, [networkStatus, signature]);
  // Back in front after a while: check at once rather than wait for the next tick.
  const wasVisible = useRef(visible);
  useEffect(() => {
    if (visible && !wasVisible.current) void refetch().catch(() => undefined);
    wasVisible.current = visible;
  }, [visible, refetch]);
  return { updatedAt, live: visible };
}
