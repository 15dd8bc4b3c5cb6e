import { staleLayers } from './freshness.rules.js';

const now = new Date('2026-12-02T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('staleLayers', () => {
  it.each([
    ['in the warehouse, all fresh', { WAREHOUSE: ago(100), TRANSPORT: null, STATUS: ago(60) }, false, []],
    ['in the warehouse, WMS silent for 6 min', { WAREHOUSE: ago(360), TRANSPORT: null, STATUS: ago(60) }, false, ['WAREHOUSE']],
    ['in transit, TMS silent for 11 min', { WAREHOUSE: ago(9999), TRANSPORT: ago(660), STATUS: ago(60) }, true, ['TRANSPORT']],
    ['in transit, nothing from TMS yet', { WAREHOUSE: null, TRANSPORT: null, STATUS: ago(60) }, true, ['TRANSPORT']],
    ['status older than 50 min', { WAREHOUSE: ago(10), TRANSPORT: null, STATUS: ago(3100) }, false, ['STATUS']],
  ])('%s', (_name, latest, inTransit, expected) => {
    expect(staleLayers(latest, inTransit, now)).toEqual(expected);
  });
});
