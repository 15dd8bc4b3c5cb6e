import { untraced } from '../telemetry/trace-context.js';

/** What a batch's work says about one item: its result, or why that item alone failed. */
export type ItemOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface BurstBatcherOptions {
  /** The most items one batch takes; a larger burst goes in several batches, in arrival order. */
  maxBatch: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Hands items that arrive together to `apply` as one batch, one batch at a time, each caller still getting its own
 * result: a sender's relay sends its requests in bursts, and one transaction for a burst costs a fraction of one per
 * request. A batch takes what arrived in the event-loop turn that started it (the messages of one socket read) and,
 * while it runs, the next one gathers everything arriving meanwhile, so batches grow with load and an item
 * arriving alone waits for no timer. One batch at a time also keeps items for the same key in arrival order.
 */
export class BurstBatcher<I, O> {
  private waiting: Array<Waiting<I, O>> = [];
  private scheduled = false;
  private running = false;

  constructor(
    private readonly apply: (items: I[]) => Promise<Array<ItemOutcome<O>>>,
    private readonly options: BurstBatcherOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running || this.waiting.length === 0) return;
    this.scheduled = true;
    // Outside the trace of the item that happened to come first: the batch is everyone's, and a timer keeps its context.
    untraced(() =>
      setImmediate(() => {
        this.scheduled = false;
        void this.run();
      }),
    );
  }

  private async run(): Promise<void> {
    const batch = this.waiting.splice(0, this.options.maxBatch);
    this.running = true;
    try {
      const outcomes = await this.apply(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => {
        const outcome = outcomes[index];
        if (!outcome) entry.reject(new Error('the batch gave no outcome for this item'));
        else if (outcome.ok) entry.resolve(outcome.value);
        else entry.reject(outcome.error);
      });
    } catch (error) {
      batch.forEach((entry) => entry.reject(error));
    } finally {
      this.running = false;
      this.schedule();
    }
  }
}
