import { InFlightReads } from './in-flight-reads.js';

/** A call the test settles by hand, so what is in flight is decided by the test, not by timing. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('InFlightReads', () => {
  it('starts one call for callers of the same key while it is in flight, and gives each its answer', async () => {
    const reads = new InFlightReads<string>();
    const call = deferred<string>();
    let calls = 0;
    const answers = Promise.all(Array.from({ length: 5 }, () => reads.share('k', () => ((calls += 1), call.promise))));
    call.resolve('answer');
    await expect(answers).resolves.toEqual(Array(5).fill('answer'));
    expect(calls).toBe(1);
  });

  it('starts a call per key', async () => {
    const reads = new InFlightReads<string>();
    const started: string[] = [];
    const answers = Promise.all(['a', 'b', 'a'].map((key) => reads.share(key, () => (started.push(key), Promise.resolve(key)))));
    await expect(answers).resolves.toEqual(['a', 'b', 'a']);
    expect(started).toEqual(['a', 'b']);
  });

  it('keeps nothing once a call settled: the next caller makes a new call', async () => {
    const reads = new InFlightReads<number>();
    let calls = 0;
    const start = () => Promise.resolve((calls += 1));
    await expect(reads.share('k', start)).resolves.toBe(1);
    await expect(reads.share('k', start)).resolves.toBe(2);
  });

  it('gives every caller the failure, then lets the next caller try again', async () => {
    const reads = new InFlightReads<string>();
    const call = deferred<string>();
    const both = Promise.allSettled([reads.share('k', () => call.promise), reads.share('k', () => call.promise)]);
    call.reject(new Error('down'));
    expect((await both).map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await expect(reads.share('k', () => Promise.resolve('up'))).resolves.toBe('up');
  });
});
