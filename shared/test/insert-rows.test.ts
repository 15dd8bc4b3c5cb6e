import { defineEntity, p } from '@mikro-orm/core';
import { CheckConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Migration } from '@mikro-orm/migrations';
import { randomUUID } from 'node:crypto';
import { insertRows, RowBatch } from '../src/persistence/insert-rows.js';
import { openDatabase, type MikroORM } from '../src/persistence/orm.js';
import { createTestScope } from '../src/testing/harness.js';
import { statementsSentBy } from '../src/testing/statements-sent.js';

const Parent = defineEntity({
  name: 'Parent',
  tableName: 'parent',
  properties: {
    id: p.uuid().primary(),
    label: p.string().length(5),
    facts: p.json<Record<string, unknown>>().nullable(),
    at: p.datetime(),
    count: p.integer().default(7),
  },
});

const Child = defineEntity({
  name: 'Child',
  tableName: 'child',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    parent: () => p.manyToOne(Parent).deleteRule('cascade'),
    lineNo: p.integer(),
    quantity: p.integer(),
  },
});

class InsertRowsSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "insert_rows"."parent" ("id" uuid primary key, "label" varchar(5) not null unique, "facts" jsonb null, "at" timestamptz not null, "count" int not null default 7)`,
    );
    this.addSql(
      `create table "insert_rows"."child" ("id" bigserial primary key, "parent_id" uuid not null references "insert_rows"."parent" ("id") on delete cascade, "line_no" int not null, "quantity" int not null check (quantity > 0))`,
    );
  }
}

/** Rows for several tables go in one statement, as a flush would write them, and fail as a whole with MikroORM's errors. */
const scope = createTestScope('insert-rows');
let orm: MikroORM;

beforeAll(async () => {
  orm = await openDatabase({ clientUrl: scope.env.DATABASE_URL, schema: 'insert_rows', entities: [Parent, Child], migrations: { InsertRowsSchema } });
});

afterAll(async () => {
  await orm?.close();
  await scope.dispose();
});

const rowsOf = (sql: string) => orm.em.getConnection().execute(sql);

it('inserts every table in one statement, with column types, relations by key and defaults for left-out columns', async () => {
  const at = new Date('2026-11-25T08:30:00.123Z');
  const batch = new RowBatch();
  batch.add(Parent, { id: '0193a5a0-0000-7000-8000-000000000001', label: 'one', facts: { a: [1, 2], b: "it's" }, at, count: 2 });
  // Leaves `count` out: the column default, not null.
  batch.add(Parent, { id: '0193a5a0-0000-7000-8000-000000000002', label: 'two', facts: null, at });
  batch.add(Child, { parent: '0193a5a0-0000-7000-8000-000000000001', lineNo: 1, quantity: 3 });
  batch.add(Child, { parent: '0193a5a0-0000-7000-8000-000000000001', lineNo: 2, quantity: 1 });

  const { texts: statements } = await statementsSentBy(() => insertRows(orm.em.fork(), batch));

  expect(statements).toHaveLength(1);
  expect(await rowsOf(`select label, facts, at = '${at.toISOString()}'::timestamptz as exact, count from insert_rows.parent order by label`)).toEqual([
    { label: 'one', facts: { a: [1, 2], b: "it's" }, exact: true, count: 2 },
    { label: 'two', facts: null, exact: true, count: 7 },
  ]);
  expect(await rowsOf(`select line_no, quantity from insert_rows.child order by line_no`)).toEqual([
    { line_no: 1, quantity: 3 },
    { line_no: 2, quantity: 1 },
  ]);
});

it.each([
  ['a duplicate key', { label: 'one', quantity: 1 }, UniqueConstraintViolationException],
  ['a failed check', { label: 'three', quantity: 0 }, CheckConstraintViolationException],
])("writes nothing when one row fails (%s), and throws MikroORM's exception", async (_case, { label, quantity }, exception) => {
  const id = '0193a5a0-0000-7000-8000-000000000003';
  const batch = new RowBatch();
  batch.add(Parent, { id, label, facts: null, at: new Date() });
  batch.add(Child, { parent: id, lineNo: 1, quantity });
  await expect(insertRows(orm.em.fork(), batch)).rejects.toBeInstanceOf(exception);
  expect(await rowsOf(`select id from insert_rows.parent where id = '${id}'`)).toEqual([]);
});

it('refuses a value longer than its column, as an insert does', async () => {
  const batch = new RowBatch();
  batch.add(Parent, { id: '0193a5a0-0000-7000-8000-000000000004', label: 'too long', facts: null, at: new Date() });
  await expect(insertRows(orm.em.fork(), batch)).rejects.toThrow(/too long/);
});

it('is parsed and planned once per connection, whatever the number of rows, and joins a transaction it runs in', async () => {
  const single = await openDatabase({
    clientUrl: scope.env.DATABASE_URL,
    schema: 'insert_rows',
    entities: [Parent, Child],
    migrations: { InsertRowsSchema },
    poolSize: 1,
  });
  try {
    const batchOf = (labels: string[]) => {
      const batch = new RowBatch();
      for (const label of labels) batch.add(Parent, { id: randomUUID(), label, facts: null, at: new Date() });
      return batch;
    };
    await insertRows(single.em.fork(), batchOf(['p1']));
    await insertRows(single.em.fork(), batchOf(['p2', 'p3', 'p4']));
    const prepared = await single.em
      .getConnection()
      .execute<Array<{ statement: string }>>(`select statement from pg_prepared_statements where statement like '%insert_rows%'`);
    expect(prepared).toHaveLength(1);
    expect(prepared[0]!.statement).toMatch(/^insert into "insert_rows"."parent"/);

    await expect(
      single.em.fork().transactional(async (tx) => {
        await insertRows(tx, batchOf(['t1']));
        expect(
          await tx.getConnection().execute(`select count(*)::int as n from insert_rows.parent where label = 't1'`, [], 'all', tx.getTransactionContext()),
        ).toEqual([{ n: 1 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await rowsOf(`select label from insert_rows.parent where label in ('p1', 'p2', 'p3', 'p4', 't1') order by label`)).toEqual(
      ['p1', 'p2', 'p3', 'p4'].map((label) => ({ label })),
    );
  } finally {
    await single.close();
  }
});
