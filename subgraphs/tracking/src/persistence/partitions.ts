import type pg from 'pg';
import { TRACKING_SCHEMA } from './entities.js';

const DAY = 86_400_000;
const dayKey = (at: Date) => at.toISOString().slice(0, 10).replaceAll('-', '');
const startOfDay = (at: Date) => new Date(Math.floor(at.getTime() / DAY) * DAY);

/**
 * Keeps `tracking_event` partitioned by UTC day: creates the partitions events need (ahead of time for
 * tomorrow, on demand for a late or early batch) and drops those past retention — dropping a partition is
 * instant and leaves no bloat, unlike deleting millions of rows.
 */
export class PartitionMaintenance {
  private readonly known = new Set<string>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly retentionDays: number,
  ) {}

  /** Makes sure every day in `times` has its partition. Cheap when they exist (remembered in memory). */
  async ensureFor(times: Iterable<Date>): Promise<void> {
    const missing = new Map<string, Date>();
    // A batch's events fall on a few days: the day number is cheap, its name is made once per day.
    const days = new Set<number>();
    for (const at of times) days.add(Math.floor(at.getTime() / DAY));
    for (const day of days) {
      const start = new Date(day * DAY);
      const key = dayKey(start);
      if (!this.known.has(key)) missing.set(key, start);
    }
    for (const [key, day] of missing) {
      await this.pool
        .query(
          `create table if not exists "${TRACKING_SCHEMA}"."tracking_event_p${key}" partition of "${TRACKING_SCHEMA}"."tracking_event"
         for values from ('${day.toISOString()}') to ('${new Date(day.getTime() + DAY).toISOString()}')`,
        )
        .catch((error: { code?: string }) => {
          // Another instance created it at the same moment.
          if (error.code !== '42P07' && error.code !== '23505') throw error;
        });
      this.known.add(key);
    }
  }

  /** Today and the next two days exist; partitions wholly older than retention are dropped. Returns dropped names. */
  async run(now: Date): Promise<string[]> {
    await this.ensureFor([0, 1, 2].map((offset) => new Date(now.getTime() + offset * DAY)));
    const oldestKept = dayKey(new Date(startOfDay(now).getTime() - this.retentionDays * DAY));
    const { rows } = await this.pool.query<{ name: string }>(
      `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
        join pg_namespace n on n.oid = p.relnamespace where n.nspname = $1 and p.relname = 'tracking_event'`,
      [TRACKING_SCHEMA],
    );
    const dropped: string[] = [];
    for (const { name } of rows) {
      const key = /^tracking_event_p(\d{8})$/.exec(name)?.[1];
      if (key && key < oldestKept) {
        // The partition's de-duplication keys go with it (probed by primary key, no scan of the key table).
        await this.pool.query(`delete from "${TRACKING_SCHEMA}"."tracking_event_key" k using "${TRACKING_SCHEMA}"."${name}" e
          where k.carrier_id = e.carrier_id and k.event_id = e.event_id and k.occurred_at = e.occurred_at`);
        await this.pool.query(`drop table if exists "${TRACKING_SCHEMA}"."${name}"`);
        this.known.delete(key);
        dropped.push(name);
      }
    }
    return dropped;
  }
}
