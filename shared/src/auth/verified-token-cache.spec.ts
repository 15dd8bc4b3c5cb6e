import type { Principal } from './principal.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

const alice: Principal = { subject: 'alice', role: 'customer', regions: ['cn'] };
const bob: Principal = { subject: 'bob', role: 'operator', regions: ['de'] };

describe('VerifiedTokenCache', () => {
  it('answers a cached token until its expiry, and not from then on', () => {
    const cache = new VerifiedTokenCache();
    cache.set('t1', alice, 1_000);
    expect(cache.get('t1', 999)).toEqual(alice);
    expect(cache.get('t1', 1_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('knows nothing of a token it was not given', () => {
    expect(new VerifiedTokenCache().get('unknown', 0)).toBeUndefined();
  });

  it('drops the least recently used token beyond its capacity', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('t1', alice, 10_000);
    cache.set('t2', bob, 10_000);
    cache.get('t1', 0);
    cache.set('t3', bob, 10_000);
    expect(cache.get('t2', 0)).toBeUndefined();
    expect(cache.get('t1', 0)).toEqual(alice);
    expect(cache.get('t3', 0)).toEqual(bob);
    expect(cache.size).toBe(2);
  });

  it('hands out copies, so a caller changing its principal changes no later answer', () => {
    const cache = new VerifiedTokenCache();
    cache.set('t1', alice, 10_000);
    cache.get('t1', 0)!.regions.push('de');
    expect(cache.get('t1', 0)).toEqual(alice);
  });
});
