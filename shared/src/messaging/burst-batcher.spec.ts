import { BurstBatcher, type ItemOutcome } from './burst-batcher.js';

/** A batcher whose work records each batch and waits for the test to release it. */
function recording(maxBatch = 10) {
  const batches: number[][] = [];
  const releases: Array<() => void> = [];
  const batcher = new BurstBatcher<number, number>(
    async (items) => {
      batches.push(items);
      await new Promise<void>((resolve) => releases.push(resolve));
      if (items.includes(-1)) throw new Error('batch failed');
      return items.map((item): ItemOutcome<number> => (item % 2 === 0 ? { ok: true, value: item * 10 } : { ok: false, error: new Error(`odd ${item}`) }));
    },
    { maxBatch },
  );
  return { batcher, batches, releases };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Waits until the work has been handed `count` batches (a few turns at most). */
async function batchesStarted(batches: unknown[], count: number): Promise<void> {
  for (let n = 0; n < 10 && batches.length < count; n += 1) await turn();
  expect(batches).toHaveLength(count);
}

it('takes what arrives in one turn as one batch, each caller getting its own result or error', async () => {
  const { batcher, batches, releases } = recording();
  const results = [2, 3, 4].map((item) => batcher.submit(item));
  await batchesStarted(batches, 1);
  expect(batches).toEqual([[2, 3, 4]]);
  releases.shift()!();
  expect(await Promise.allSettled(results)).toEqual([
    { status: 'fulfilled', value: 20 },
    { status: 'rejected', reason: new Error('odd 3') },
    { status: 'fulfilled', value: 40 },
  ]);
});

it('runs one batch at a time: what arrives meanwhile goes next, together and in arrival order', async () => {
  const { batcher, batches, releases } = recording();
  const first = batcher.submit(2);
  await batchesStarted(batches, 1);
  const later = [4, 6].map((item) => batcher.submit(item));
  await turn();
  const last = batcher.submit(8);
  await turn();
  expect(batches).toEqual([[2]]);
  releases.shift()!();
  expect(await first).toBe(20);
  await batchesStarted(batches, 2);
  expect(batches).toEqual([[2], [4, 6, 8]]);
  releases.shift()!();
  expect(await Promise.all([...later, last])).toEqual([40, 60, 80]);
});

it('splits a burst larger than a batch, in arrival order', async () => {
  const { batcher, batches, releases } = recording(2);
  const results = [2, 4, 6, 8, 10].map((item) => batcher.submit(item));
  for (let n = 1; n <= 3; n += 1) {
    await batchesStarted(batches, n);
    releases.shift()!();
  }
  expect(await Promise.all(results)).toEqual([20, 40, 60, 80, 100]);
  expect(batches).toEqual([[2, 4], [6, 8], [10]]);
});

it('fails every item of a batch whose work fails, and goes on with the next', async () => {
  const { batcher, batches, releases } = recording();
  const failed = [2, -1].map((item) => batcher.submit(item));
  await batchesStarted(batches, 1);
  const next = batcher.submit(4);
  releases.shift()!();
  expect(await Promise.allSettled(failed)).toEqual([
    { status: 'rejected', reason: new Error('batch failed') },
    { status: 'rejected', reason: new Error('batch failed') },
  ]);
  await batchesStarted(batches, 2);
  releases.shift()!();
  expect(await next).toBe(40);
});
