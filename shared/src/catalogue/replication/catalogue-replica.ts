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
import { catalogueChangeSchema, catalogueSubjectsFor, ensureCatalogueStream, type CatalogueChange, type PriceListPartChange } from './catalogue-contracts.js';
import { dropPriceListParts, partOfRow, storePriceListPart, type StoredPriceListPart } from './price-list-part-store.js';
import { assemblePriceList } from './price-list-parts.js';

/** One replicated product, price list or part of a price list still arriving, as of the catalogue version it last changed in. */
export const CatalogueReplicaItem = defineEntity({
  name: 'CatalogueReplicaItem',
  tableName: 'catalogue_replica_item',
  properties: {
    kind: p.string().length(16).primary(),
    key: p.string().length(100).primary(),
    catalogueVersion: p.integer(),
    payload: p.json<ProductFacts | PriceListFacts | StoredPriceListPart>(),
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
 * messages change nothing. A price list sent in parts takes effect once every part of one catalogue version is
 * held; until then the list's previous version stays in force.
 */
export class CatalogueReplica {
  private readonly products = new Map<string, ProductFacts>();
  private readonly priceLists = new Map<string, PriceListFacts>();
  /** Catalogue version of each item held, by `kind:key`. */
  private readonly versions = new Map<string, number>();
  private version = 0;
  /** By price-list id: the catalogue versions newer than the list held whose parts are still arriving. */
  private readonly incomplete = new Map<string, Set<number>>();
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
    const parts: PriceListPartChange[] = [];
    for (const row of rows) {
      if (row.kind === 'price-list-part') parts.push(partOfRow(row.catalogueVersion, row.payload as StoredPriceListPart));
      else
        this.remember(
          row.kind === 'product'
            ? { kind: 'product', catalogueVersion: row.catalogueVersion, product: row.payload as ProductFacts }
            : { kind: 'price-list', catalogueVersion: row.catalogueVersion, priceList: row.payload as PriceListFacts },
        );
    }
    this.rememberStoredParts(parts);
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
    if (this.caughtUp) return `caught up at v${this.heldVersion}`;
    if (!this.connected || this.options.nc.isClosed()) return `stored copy v${this.heldVersion}, NATS unreachable`;
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
    if (this.heldVersion >= version) return Promise.resolve();
    return new Promise((resolve) => this.waiting.add({ version, resolve }));
  }

  /**
   * The catalogue version this copy holds: the newest change applied, but below the oldest price list whose parts are
   * still arriving, so that a caller waiting for a version can price from every list of it.
   */
  get heldVersion(): number {
    let held = this.version;
    for (const versions of this.incomplete.values()) for (const version of versions) held = Math.min(held, version - 1);
    return held;
  }

  /** The catalogue as this service knows it now; rebuilt only after a change. */
  current(): IndexedCatalogue {
    this.indexed ??= indexCatalogue({
      version: this.heldVersion,
      takenAt: new Date().toISOString(),
      products: [...this.products.values()],
      priceLists: [...this.priceLists.values()],
    });
    return this.indexed;
  }

  private async apply(change: CatalogueChange, em: EntityManager): Promise<void> {
    if (change.kind === 'price-list-part') await this.applyPart(change, em);
    else await this.applyItem(change, em);
    this.options.onApplied?.(change);
  }

  private async applyItem(change: Exclude<CatalogueChange, PriceListPartChange>, em: EntityManager): Promise<void> {
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
    // Parts of an older version of a list that is now sent whole would only take room.
    if (change.kind === 'price-list') await dropPriceListParts(em, this.options.schema, key, change.catalogueVersion);
    this.remember(change);
  }

  private async applyPart(change: PriceListPartChange, em: EntityManager): Promise<void> {
    const outcome = await storePriceListPart(em, this.options.schema, change);
    if (outcome.status === 'assembled') this.remember({ kind: 'price-list', catalogueVersion: change.catalogueVersion, priceList: outcome.priceList });
    else if (outcome.status === 'incomplete') this.rememberIncomplete(change.priceList.id, change.catalogueVersion);
  }

  /** At start-up: the parts stored while a list's newer version was still arriving, assembled as if they had just come. */
  private rememberStoredParts(parts: readonly PriceListPartChange[]): void {
    for (const id of new Set(parts.map((part) => part.priceList.id))) {
      const ofList = parts.filter((part) => part.priceList.id === id);
      const assembled = assemblePriceList(ofList);
      if (assembled) this.remember({ kind: 'price-list', ...assembled });
      for (const part of ofList) this.rememberIncomplete(id, part.catalogueVersion);
    }
  }

  private rememberIncomplete(priceListId: string, catalogueVersion: number): void {
    if ((this.versions.get(`price-list:${priceListId}`) ?? 0) >= catalogueVersion) return;
    const versions = this.incomplete.get(priceListId) ?? new Set<number>();
    this.incomplete.set(priceListId, versions.add(catalogueVersion));
    this.indexed = undefined;
  }

  private forgetIncompleteUpTo(priceListId: string, catalogueVersion: number): void {
    const versions = this.incomplete.get(priceListId);
    for (const version of versions ?? []) if (version <= catalogueVersion) versions!.delete(version);
    if (versions?.size === 0) this.incomplete.delete(priceListId);
  }

  private remember(change: Exclude<CatalogueChange, PriceListPartChange>): void {
    const [map, key, value] =
      change.kind === 'product'
        ? [this.products as Map<string, unknown>, change.product.sku, change.product]
        : [this.priceLists as Map<string, unknown>, change.priceList.id, change.priceList];
    const known = this.versions.get(`${change.kind}:${key}`) ?? 0;
    if (known >= change.catalogueVersion) return;
    this.versions.set(`${change.kind}:${key}`, change.catalogueVersion);
    map.set(key, value);
    this.version = Math.max(this.version, change.catalogueVersion);
    if (change.kind === 'price-list') this.forgetIncompleteUpTo(key, change.catalogueVersion);
    this.indexed = undefined;
    this.notifyIfReady();
    for (const waiter of this.waiting) {
      if (waiter.version <= this.heldVersion) {
        this.waiting.delete(waiter);
        waiter.resolve();
      }
    }
  }
}
