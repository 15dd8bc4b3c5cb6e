import { defineEntity, p } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Migration } from '@mikro-orm/migrations';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../../logger.js';
import { DurableConsumer } from '../../messaging/durable-consumer.js';
import type { MikroORM } from '../../persistence/orm.js';
import type { PriceListFacts } from '../pricing/price-list.rules.js';
import type { ProductFacts } from '../products/product.rules.js';
import { indexCatalogue, type IndexedCatalogue } from '../snapshot.js';
import { catalogueChangeSchema, catalogueSubjectsFor, ensureCatalogueStream, type CatalogueChange } from './catalogue-contracts.js';

/** One replicated product or price list, as of the catalogue version it last changed in. */
export const CatalogueReplicaItem = defineEntity({
  name: 'CatalogueReplicaItem',
  tableName: 'catalogue_replica_item',
  properties: {
    kind: p.string().length(16).primary(),
    key: p.string().length(100).primary(),
    catalogueVersion: p.integer(),
    payload: p.json<ProductFacts | PriceListFacts>(),
  },
});

/** The replica's table in the consuming service's own schema (unqualified: the migrator sets the search path). */
export class CatalogueReplicaMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "catalogue_replica_item" ("kind" varchar(16) not null, "key" varchar(100) not null, "catalogue_version" int not null, "payload" jsonb not null, primary key ("kind", "key"));`,
    );
  }
}

export interface CatalogueReplicaOptions {
  nc: NatsConnection;
  orm: MikroORM;
  logger: Logger;
  namespace: string;
  /** The consuming service's name; its durable consumer is named after it. */
  service: string;
  /** The service's schema, where `catalogue_replica_item` lives. */
  schema: string;
  /** Called after each change is applied; tests wait on it. */
  onApplied?: (change: CatalogueChange) => void;
}

/**
 * A service's own copy of the catalogue: kept in its database (so a restart, or a NATS outage, leaves it able to
 * price) and in memory (so pricing a line reads a map, with no network round trip). Fed by a durable consumer of
 * the catalogue stream; an item is only ever replaced by a newer catalogue version, so redelivered or reordered
 * messages change nothing.
 */
export class CatalogueReplica {
  private readonly products = new Map<string, ProductFacts>();
  private readonly priceLists = new Map<string, PriceListFacts>();
  /** Catalogue version of each item held, by `kind:key`. */
  private readonly versions = new Map<string, number>();
  private version = 0;
  private indexed: IndexedCatalogue | undefined;
  private consumer: DurableConsumer<CatalogueChange> | undefined;
  private readonly waiting = new Set<{ version: number; resolve: () => void }>();
  /** The stored copy is in memory. */
  private loaded = false;
  /** The consumer has been delivered everything the stream held when it started (or since): latched once true. */
  private caughtUp = false;
  private connected = true;
  private readonly readyWaiters = new Set<() => void>();

  constructor(private readonly options: CatalogueReplicaOptions) {}

  /** Loads the stored copy, then follows the stream. */
  async start(): Promise<void> {
    const rows = await this.options.orm.em.fork().find(CatalogueReplicaItem, {});
    for (const row of rows)
      this.remember(
        row.kind === 'product'
          ? { kind: 'product', catalogueVersion: row.catalogueVersion, product: row.payload as ProductFacts }
          : { kind: 'price-list', catalogueVersion: row.catalogueVersion, priceList: row.payload as PriceListFacts },
      );
    this.loaded = true;
    const subjects = catalogueSubjectsFor(this.options.namespace);
    // A region reads the catalogue; it may create the stream when it starts first, never change it.
    await ensureCatalogueStream(this.options.nc, subjects, 'user');
    this.consumer = new DurableConsumer<CatalogueChange>({
      nc: this.options.nc,
      em: this.options.orm.em,
      logger: this.options.logger,
      stream: subjects.stream,
      durableName: subjects.replicaConsumer(this.options.service),
      filterSubject: subjects.all,
      schema: catalogueChangeSchema,
      handle: (change, em) => this.apply(change, em),
      onDelivered: ({ pending }) => {
        if (pending === 0) this.markCaughtUp();
      },
    });
    void this.followConnection();
    await this.consumer.start();
    if ((await this.consumer.pending()) === 0) this.markCaughtUp();
  }

  /**
   * Whether the region may take orders, for `/ready`: resolves with the state when its stored copy is loaded, holds
   * a catalogue, and either has read the stream to the end it had at start ("caught up at v12") or, while NATS is
   * unreachable, prices from the copy it stored ("stored copy v12, NATS unreachable": edge autonomy). Rejects while
   * the copy is empty or still catching up, so traffic waits for prices the hub would stand behind.
   */
  async readiness(): Promise<string> {
    if (!this.loaded || this.version === 0) throw new Error('no catalogue held yet');
    if (this.caughtUp) return `caught up at v${this.version}`;
    if (!this.connected || this.options.nc.isClosed()) return `stored copy v${this.version}, NATS unreachable`;
    throw new Error('catching up with the catalogue stream');
  }

  /** Resolves once `readiness()` would first resolve (tests wait on it instead of polling `/ready`). */
  whenReady(): Promise<void> {
    return this.readiness().then(
      () => undefined,
      () => new Promise<void>((resolve) => this.readyWaiters.add(resolve)),
    );
  }

  private markCaughtUp(): void {
    this.caughtUp = true;
    this.notifyIfReady();
  }

  private notifyIfReady(): void {
    if (this.loaded && this.version > 0 && (this.caughtUp || !this.connected)) {
      for (const resolve of this.readyWaiters) resolve();
      this.readyWaiters.clear();
    }
  }

  private async followConnection(): Promise<void> {
    for await (const status of this.options.nc.status()) {
      if (status.type === 'disconnect') this.connected = false;
      else if (status.type === 'reconnect') this.connected = true;
      this.notifyIfReady();
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }

  /** Resolves once this copy holds catalogue version `version` or a later one (at start-up, or when a change arrives). */
  whenAt(version: number): Promise<void> {
    if (this.version >= version) return Promise.resolve();
    return new Promise((resolve) => this.waiting.add({ version, resolve }));
  }

  /** The catalogue version this copy holds: the newest change applied. */
  get heldVersion(): number {
    return this.version;
  }

  /** The catalogue as this service knows it now; rebuilt only after a change. */
  current(): IndexedCatalogue {
    this.indexed ??= indexCatalogue({
      version: this.version,
      takenAt: new Date().toISOString(),
      products: [...this.products.values()],
      priceLists: [...this.priceLists.values()],
    });
    return this.indexed;
  }

  private async apply(change: CatalogueChange, em: EntityManager): Promise<void> {
    const [kind, key, payload] =
      change.kind === 'product' ? ['product', change.product.sku, change.product] : ['price-list', change.priceList.id, change.priceList];
    await em.getConnection().execute(
      `insert into "${this.options.schema}".catalogue_replica_item (kind, key, catalogue_version, payload) values (?, ?, ?, ?::jsonb)
       on conflict (kind, key) do update set catalogue_version = excluded.catalogue_version, payload = excluded.payload
       where catalogue_replica_item.catalogue_version < excluded.catalogue_version`,
      [kind, key, change.catalogueVersion, JSON.stringify(payload)],
      'run',
      em.getTransactionContext(),
    );
    this.remember(change);
    this.options.onApplied?.(change);
  }

  private remember(change: CatalogueChange): void {
    const [map, key, value] =
      change.kind === 'product'
        ? [this.products as Map<string, unknown>, change.product.sku, change.product]
        : [this.priceLists as Map<string, unknown>, change.priceList.id, change.priceList];
    const known = this.versions.get(`${change.kind}:${key}`) ?? 0;
    if (known >= change.catalogueVersion) return;
    this.versions.set(`${change.kind}:${key}`, change.catalogueVersion);
    map.set(key, value);
    this.version = Math.max(this.version, change.catalogueVersion);
    this.indexed = undefined;
    this.notifyIfReady();
    for (const waiter of this.waiting) {
      if (waiter.version <= this.version) {
        this.waiting.delete(waiter);
        waiter.resolve();
      }
    }
  }
}
