import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface MipSolution {
  status: string;
  objective: number;
  values: Map<string, number>;
  millis: number;
}

export interface SolveLimits {
  /** HiGHS stops here and reports the best solution found so far. */
  timeLimitSeconds: number;
  /** Relative gap at which a solution counts as good enough. */
  mipRelGap: number;
}

/** Statuses that come with a usable primal solution (a time limit still leaves the incumbent). */
const USABLE = new Set(['Optimal', 'Time limit reached', 'Target for objective reached', 'Bound on objective reached', 'Iteration limit reached']);

// The worker is plain CommonJS evaluated from a string, so it runs the same under tsc output and under jest.
const workerSource = (highsPath: string) => `
const { parentPort } = require('node:worker_threads');
const ready = require(${JSON.stringify(highsPath)})();
parentPort.on('message', async ({ id, lp, options }) => {
  const started = performance.now();
  try {
    const highs = await ready;
    const solution = highs.solve(lp, options);
    const values = {};
    for (const [name, column] of Object.entries(solution.Columns || {})) values[name] = column.Primal;
    parentPort.postMessage({ id, status: solution.Status, objective: solution.ObjectiveValue, values, millis: performance.now() - started });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});`;

export class SolverUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SolverUnavailableError';
  }
}

/**
 * HiGHS (WASM) in a worker thread: `solve` is synchronous and would otherwise block the event loop for the
 * length of a search. A worker that overruns the time limit by far is terminated and replaced; the caller
 * then falls back to the greedy plan.
 */
export class HighsSolver {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: MipSolution) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  private readonly highsPath = createRequire(import.meta.url).resolve('highs');

  async solve(lp: string, limits: SolveLimits): Promise<MipSolution> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<MipSolution>((resolve, reject) => {
      // Loading the WASM and HiGHS' own limit checks take a moment beyond the limit itself.
      const timer = setTimeout(
        () => {
          this.pending.delete(id);
          reject(new SolverUnavailableError('solver overran its time limit'));
          this.reset();
        },
        limits.timeLimitSeconds * 2_000 + 2_000,
      );
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, lp, options: { time_limit: limits.timeLimitSeconds, mip_rel_gap: limits.mipRelGap, output_flag: false } });
    });
  }

  /** Whether a solution carries a plan worth using. */
  static usable(solution: MipSolution): boolean {
    return USABLE.has(solution.status) && solution.values.size > 0 && Number.isFinite(solution.objective);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(new SolverUnavailableError('solver closed'));
      this.pending.delete(id);
    }
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerSource(this.highsPath), { eval: true });
    worker.unref();
    worker.on('message', (message: { id: number; error?: string; status: string; objective: number; values: Record<string, number>; millis: number }) => {
      const entry = this.pending.get(message.id);
      if (!entry) return;
      this.pending.delete(message.id);
      clearTimeout(entry.timer);
      if (message.error) entry.reject(new SolverUnavailableError(message.error));
      else entry.resolve({ status: message.status, objective: message.objective, values: new Map(Object.entries(message.values)), millis: message.millis });
    });
    worker.on('error', (error) => {
      for (const [id, entry] of this.pending) {
        clearTimeout(entry.timer);
        entry.reject(new SolverUnavailableError(error.message));
        this.pending.delete(id);
      }
      this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }

  private reset(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}
