import { defineEntity, p } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Migration } from '@mikro-orm/migrations';
import type { NatsConnection } from '@nats-io/transport-node';
import { compareText } from '../../compare-text.js';
import type { Logger } from '../../logger.js';
import { DurableConsumer } from '../../messaging/durable-consumer.js';
import type { MikroORM } from '../../persistence/orm.js';
import { compilePublication, type CompiledVersion, type RuleBook } from '../domain/rule-book.js';
import type { RuleModule } from '../domain/rule-modules.js';
import type { RuleSetPublication } from '../domain/rule.js';
import { ensureRulesStream, ruleSetPublicationSchema, rulesSubjectsFor } from './rules-contracts.js';

/** One rule set as the replica stored it; read and written with SQL, declared so a service's schema check knows the table. */
export const RulesReplicaRow = defineEntity({
  name: 'RulesReplicaRow',
  tableName: 'order_rules_replica',
  properties: {
    ruleSet: p.string().length(64).primary(),
    publication: p.integer(),
    payload: p.json<RuleSetPublication>(),
    receivedAt: p.datetime(),
  },
});

/** The replica's table in the consuming service's own schema (unqualified: the migrator sets the search path). */
export class RulesReplicaMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "order_rules_replica" ("rule_set" varchar(64) primary key, "publication" int not null, "payload" jsonb not null, "received_at" timestamptz not null);`,
    );
  }
}

export interface RulesReplicaOptions {
  nc: NatsConnection;
  orm: MikroORM;
  logger: Logger;
  namespace: string;
  /** The consuming service's name; its durable consumer is named after it. */
  service: string;
  /** The service's schema, where `order_rules_replica` lives. */
  schema: string;
  /** Called after each publication is applied; tests wait on it. */
  onApplied?: (publication: RuleSetPublication) => void;
}

/** What a replica holds of one rule set. */
export interface HeldRuleSet {
  ruleSet: string;
  module: RuleModule;
  publication: number;
  versions: number[];
}

/**
 * A region's copy of the order rules: in its database (a restart or a NATS outage leaves it evaluating with the
 * last rules it received) and compiled in memory (evaluating reads a map: no network round trip). Fed by a durable
 * consumer of the rules stream; a rule set is only replaced by a higher publication, so redelivered or reordered
 * messages change nothing. Until a newer publication arrives it keeps using what it has, and every evaluation names
 * the version and publication it used.
 */
export class RulesReplica implements RuleBook {
  private readonly held = new Map<string, { publication: RuleSetPublication; compiled: CompiledVersion[] }>();
  private byModule: Map<RuleModule, CompiledVersion[]> | undefined;
  private consumer: DurableConsumer<RuleSetPublication> | undefined;
  /** Whether the consumer has been delivered everything the stream held at its last delivery, and NATS is reachable. */
  private caughtUp = false;
  private connected = true;

  constructor(private readonly options: RulesReplicaOptions) {}

  /** Loads the stored copy, then follows the stream. */
  async start(): Promise<void> {
    const rows = await this.options.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ payload: RuleSetPublication }>>(`select payload from "${this.options.schema}".order_rules_replica`);
    for (const row of rows) this.remember(row.payload);
    const subjects = rulesSubjectsFor(this.options.namespace);
    // A region reads the rule book; it may create the stream when it starts first, never change it.
    await ensureRulesStream(this.options.nc, subjects, 'user');
    this.consumer = new DurableConsumer<RuleSetPublication>({
      nc: this.options.nc,
      em: this.options.orm.em,
      logger: this.options.logger,
      stream: subjects.stream,
      durableName: subjects.replicaConsumer(this.options.service),
      filterSubject: subjects.all,
      schema: ruleSetPublicationSchema,
      handle: (publication, em) => this.apply(publication, em),
      onDelivered: ({ pending }) => {
        this.caughtUp = pending === 0;
      },
    });
    void this.followConnection();
    await this.consumer.start();
    if ((await this.consumer.pending()) === 0) this.caughtUp = true;
  }

  /**
   * Whether this copy may lack a publication the hub has: until it has read the stream to its end, and while NATS is
   * unreachable (a publication may be waiting). Answered from memory; placements record it with the order.
   */
  mayBeBehind(): boolean {
    return !this.caughtUp || !this.connected || this.options.nc.isClosed();
  }

  private async followConnection(): Promise<void> {
    for await (const status of this.options.nc.status()) {
      if (status.type === 'disconnect') this.connected = false;
      else if (status.type === 'reconnect') this.connected = true;
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }

  versionsOf(module: RuleModule): readonly CompiledVersion[] {
    if (!this.byModule) {
      this.byModule = new Map();
      for (const { compiled } of [...this.held.values()].sort((a, b) => compareText(a.publication.ruleSet, b.publication.ruleSet))) {
        for (const version of compiled) this.byModule.set(version.module, [...(this.byModule.get(version.module) ?? []), version]);
      }
    }
    return this.byModule.get(module) ?? [];
  }

  /** What this replica holds, for a region's status page: which publication of each rule set it evaluates with. */
  holdings(): HeldRuleSet[] {
    return [...this.held.values()]
      .map(({ publication }) => ({
        ruleSet: publication.ruleSet,
        module: publication.module,
        publication: publication.publication,
        versions: publication.versions.map((v) => v.version),
      }))
      .sort((a, b) => compareText(a.ruleSet, b.ruleSet));
  }

  private async apply(publication: RuleSetPublication, em: EntityManager): Promise<void> {
    const compiled = this.compile(publication);
    // A publication this process cannot compile (an older evaluator than the publisher) is not stored:
    // the region keeps the previous one, in memory and on disk.
    if (!compiled) return;
    await em.getConnection().execute(
      `insert into "${this.options.schema}".order_rules_replica (rule_set, publication, payload, received_at) values (?, ?, ?::jsonb, now())
       on conflict (rule_set) do update set publication = excluded.publication, payload = excluded.payload, received_at = excluded.received_at
       where order_rules_replica.publication < excluded.publication`,
      [publication.ruleSet, publication.publication, JSON.stringify(publication)],
      'run',
      em.getTransactionContext(),
    );
    const known = this.held.get(publication.ruleSet);
    if (!known || known.publication.publication < publication.publication) {
      this.held.set(publication.ruleSet, { publication, compiled });
      this.byModule = undefined;
    }
    this.options.onApplied?.(publication);
  }

  private remember(publication: RuleSetPublication): void {
    const known = this.held.get(publication.ruleSet);
    if (known && known.publication.publication >= publication.publication) return;
    const compiled = this.compile(publication);
    if (!compiled) return;
    this.held.set(publication.ruleSet, { publication, compiled });
    this.byModule = undefined;
  }

  private compile(publication: RuleSetPublication): CompiledVersion[] | undefined {
    try {
      return compilePublication(publication);
    } catch (error) {
      this.options.logger.error(
        { err: error, ruleSet: publication.ruleSet, publication: publication.publication },
        'rule set could not be compiled; keeping the previous publication',
      );
      return undefined;
    }
  }
}
