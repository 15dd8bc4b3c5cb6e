import { replicasToDeclare, streamReplicasFor, type ClusterView } from './stream-replicas.js';

const urls = (count: number) => Array.from({ length: count }, (_, index) => `127.0.0.1:${4300 + index}`);

describe('streamReplicasFor', () => {
  it.each<[string, ClusterView | undefined, number]>([
    ['no server info yet', undefined, 1],
    ['a single server', { connect_urls: [] }, 1],
    ['a single server that advertises itself', { connect_urls: urls(1) }, 1],
    ['a cluster with two servers', { cluster: 'hub', connect_urls: urls(2) }, 1],
    ['a cluster of three', { cluster: 'hub', connect_urls: urls(3) }, 3],
    ['a cluster of five', { cluster: 'hub', connect_urls: urls(5) }, 3],
    ['a cluster that hides its members (no_advertise)', { cluster: 'hub' }, 1],
    ['URLs without a cluster name (not a cluster)', { connect_urls: urls(3) }, 1],
  ])('%s: R%s', (_, server, replicas) => {
    expect(streamReplicasFor(server)).toBe(replicas);
  });
});

describe('replicasToDeclare', () => {
  it.each([
    ['a new stream', 3, undefined, 3],
    ['an R1 stream when the cluster appears', 3, 1, 3],
    ['an R3 stream seen while a node is away', 1, 3, 3],
    ['an R1 stream on a single server', 1, 1, 1],
  ])('%s', (_, wanted, existing, declared) => {
    expect(replicasToDeclare(wanted as number, existing as number | undefined)).toBe(declared);
  });
});
