import { defineEntity, p } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { runQueueClaim, sqlInteger } from '../src/persistence/queue-claim.js';
import { openDatabase, type MikroORM } from '../src/persistence/orm.js';
import { createTestScope } from '../src/testing/harness.js';

const Job = defineEntity({
  name: 'Job',
  tableName: 'job',
  properties: { id: p.bigint('number').primary().autoincrement(), state: p.text(), dueAt: p.datetime() },
});

class QueueClaimSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "queue_claim"."job" ("id" bigserial primary key, "state" text not null, "due_at" timestamptz not null)`);
    this.addSql(`create index "job_due_index" on "queue_claim"."job" ("due_at", "id") where "state" = 'PENDING'`);
  }
}

/** A queue's claim runs without bitmap scans, in one round trip, and leaves the connection as it found it. */
const scope = createTestScope('queue-claim');
let orm: MikroORM;

beforeAll(async () => {
  // One connection: what the claim set would show in the statement after it.
  orm = await openDatabase({ clientUrl: scope.env.DATABASE_URL, schema: 'queue_claim', entities: [Job], migrations: { QueueClaimSchema }, poolSize: 1 });
});

afterAll(async () => {
  await orm?.close();
  await scope.dispose();
});

const bitmapScans = async () => (await orm.em.getConnection().execute<Array<{ on: string }>>(`select current_setting('enable_bitmapscan') as on`))[0]!.on;

it('claims with bitmap scans off for the claim alone, and answers its rows', async () => {
  await orm.em
    .getConnection()
    .execute(`insert into queue_claim.job (state, due_at) select 'PENDING', now() - g * interval '1 second' from generate_series(1, 5) g`);

  const claimed = await runQueueClaim<{ id: string; bitmap: string }>(
    orm.em.fork(),
    `update queue_claim.job set state = 'CLAIMED'
      where id = any(array(select id from queue_claim.job where state = 'PENDING' and due_at <= now() order by due_at, id limit ${sqlInteger(3)} for update skip locked))
      returning id, current_setting('enable_bitmapscan') as bitmap`,
  );

  expect(claimed).toHaveLength(3);
  expect(claimed.map((row) => row.bitmap)).toEqual(['off', 'off', 'off']);
  expect(await bitmapScans()).toBe('on');
  expect(await orm.em.getConnection().execute(`select state, count(*)::int as jobs from queue_claim.job group by 1 order by 1`)).toEqual([
    { state: 'CLAIMED', jobs: 3 },
    { state: 'PENDING', jobs: 2 },
  ]);
});

it("fails as a whole with MikroORM's exception, and the connection goes on", async () => {
  const [first] = await orm.em.getConnection().execute<Array<{ id: string }>>(`select id from queue_claim.job order by id limit 1`);
  await expect(
    runQueueClaim(orm.em.fork(), `update queue_claim.job set id = ${sqlInteger(Number(first!.id) + 1)} where id = ${sqlInteger(Number(first!.id))}`),
  ).rejects.toBeInstanceOf(UniqueConstraintViolationException);
  expect(await bitmapScans()).toBe('on');
  expect(await orm.em.getConnection().execute(`select count(*)::int as jobs from queue_claim.job`)).toEqual([{ jobs: 5 }]);
});

it('binds no values: placeholders and anything but integers are refused before anything is sent', async () => {
  await expect(runQueueClaim(orm.em.fork(), `select * from queue_claim.job where id = $1`)).rejects.toThrow(/binds no values/);
  await expect(runQueueClaim(orm.em.fork(), `select * from queue_claim.job where id = ?`)).rejects.toThrow(/binds no values/);
  expect(() => sqlInteger(1.5)).toThrow(/not an integer/);
  expect(() => sqlInteger(Number.NaN)).toThrow(/not an integer/);
  expect(sqlInteger(30_000)).toBe('30000');
});
