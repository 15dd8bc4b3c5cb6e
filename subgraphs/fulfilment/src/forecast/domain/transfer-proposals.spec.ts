import { proposeTransfers, type CentralStock, type ForwardPosition } from './transfer-proposals.js';

const forward = (sku: string, nodeId: string, available: number, daily: number, inbound = 0): ForwardPosition => ({
  sku,
  nodeId,
  region: 'cn',
  available,
  inbound,
  dailyForecast: [daily, daily, daily, daily],
});
const central = (sku: string, nodeId: string, available: number, region = 'cn'): CentralStock => ({ sku, nodeId, region, available });
const policy = { coverDays: 3, safetyFactor: 0, centralReserveShare: 0.5, minimumQuantity: 5 };
const short = (proposals: ReturnType<typeof proposeTransfers>) => proposals.map((p) => `${p.sku}:${p.fromNodeId}->${p.toNodeId}x${p.quantity}`);

describe('proposeTransfers', () => {
  it.each([
    ['covers the shortfall from central', [forward('A', 'fw', 10, 10)], [central('A', 'c1', 100)], ['A:c1->fw x20'.replace(' ', '')]],
    ['inbound counts as stock', [forward('A', 'fw', 10, 10, 20)], [central('A', 'c1', 100)], []],
    ['below the minimum: no truck', [forward('A', 'fw', 27, 10)], [central('A', 'c1', 100)], []],
    ['central keeps its reserve', [forward('A', 'fw', 0, 100)], [central('A', 'c1', 100)], ['A:c1->fwx50']],
    ['other regions do not supply', [forward('A', 'fw', 0, 10)], [central('A', 'de1', 100, 'de')], []],
    ['the biggest shortfall is served first', [forward('A', 'small', 20, 10), forward('A', 'big', 0, 10)], [central('A', 'c1', 60)], ['A:c1->bigx30']],
    ['several central nodes fill one need', [forward('A', 'fw', 0, 20)], [central('A', 'c1', 40), central('A', 'c2', 60)], ['A:c2->fwx30', 'A:c1->fwx20']],
  ])('%s', (_case, positions, stock, expected) => {
    expect(short(proposeTransfers(positions, stock, policy))).toEqual(expected);
  });
});
