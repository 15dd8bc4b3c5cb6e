import { defineEntity, p } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { openDatabase, type MikroORM } from '../src/persistence/orm.js';
import { SequenceBlock } from '../src/persistence/sequence-block.js';
import { createTestScope } from '../src/testing/harness.js';

// The ORM wants an entity; the test only needs the sequence.
const Numbered = defineEntity({ name: 'Numbered', tableName: 'numbered', properties: { id: p.integer().primary() } });

class SequenceSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create sequence "sequence_block"."number_seq"`);
    this.addSql(`create table "sequence_block"."numbered" ("id" int primary key)`);
  }
}

/** Values of a sequence a block at a time: unique under concurrent callers, one statement per block. */
const scope = createTestScope('sequence-block');
let orm: MikroORM;

beforeAll(async () => {
  orm = await openDatabase({ clientUrl: scope.env.DATABASE_URL, schema: 'sequence_block', entities: [Numbered], migrations: { SequenceSchema } });
});

afterAll(async () => {
  await orm?.close();
  await scope.dispose();
});

const lastValue = async () =>
  Number((await orm.em.getConnection().execute<Array<{ last_value: string }>>(`select last_value from "sequence_block"."number_seq"`))[0]!.last_value);

it('hands out each value once, in order within a process, taking a block only when the last is used up', async () => {
  const block = new SequenceBlock('"sequence_block"."number_seq"', 10);
  // 25 callers at once: the first refill is shared, the rest wait for the next blocks.
  const values = await Promise.all(Array.from({ length: 25 }, () => block.next(orm.em.fork())));
  expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  expect(await lastValue()).toBe(30);

  // Another process's block interleaves; this one goes on with what it holds, then takes a block after the other's.
  const other = new SequenceBlock('"sequence_block"."number_seq"', 10);
  expect(await other.next(orm.em.fork())).toBe(31);
  const rest = [];
  for (let i = 0; i < 6; i++) rest.push(await block.next(orm.em.fork()));
  expect(rest).toEqual([26, 27, 28, 29, 30, 41]);
});
