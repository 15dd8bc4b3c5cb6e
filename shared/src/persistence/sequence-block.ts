import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A PostgreSQL sequence's values taken a block at a time: one statement per `size` values instead of one per value
 * (the classic hi/lo allocation). As with the sequence's own per-session cache, values a process took and did not
 * hand out are lost when it stops, and replicas hand out interleaved blocks: values stay unique, not gapless, and
 * only roughly in time order across processes.
 */
export class SequenceBlock {
  private values: number[] = [];
  private refill: Promise<void> | undefined;

  /** `sequence`: the quoted, schema-qualified name. */
  constructor(
    private readonly sequence: string,
    private readonly size = 50,
  ) {}

  async next(em: EntityManager): Promise<number> {
    // A loop: callers that waited on one refill may take all of it before this one's turn.
    while (this.values.length === 0) {
      this.refill ??= this.take(em).finally(() => (this.refill = undefined));
      await this.refill;
    }
    return this.values.shift()!;
  }

  private async take(em: EntityManager): Promise<void> {
    const rows = await em
      .getConnection()
      .execute<Array<{ value: string }>>(`select nextval('${this.sequence}') as value from generate_series(1, ${this.size})`, [], 'all');
    this.values.push(...rows.map((row) => Number(row.value)).sort((a, b) => a - b));
  }
}
