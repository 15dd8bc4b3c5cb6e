import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import type { Channel } from '@hub/shared/messaging/contracts';
import { problem, type CatalogueProblem } from '@hub/shared/catalogue/problem';
import {
  findOverlap,
  overlapProblem,
  PRICE_LIST_ID_PATTERN,
  validatePriceList,
  type PriceEntry,
  type PriceListFacts,
} from '@hub/shared/catalogue/pricing/price-list.rules';
import { Refused, type CatalogueWriter, type ChangeScope } from '../changes/catalogue-writer.js';
import { Product } from '../products/persistence/product.entity.js';
import { priceListAuditEntry } from './domain/price-list-audit.js';
import { PriceList } from './persistence/price-list.entity.js';
import { loadPriceListFacts } from './price-list.mapper.js';

export type PriceListDraft = Omit<PriceListFacts, 'version'>;

/** Price lists and their prices; every change is a catalogue change checked against the other lists of its scope. */
export class PriceListService {
  constructor(
    private readonly orm: MikroORM,
    private readonly writer: CatalogueWriter,
  ) {}

  async create(principal: Principal, draft: PriceListDraft): Promise<PriceList | Refused> {
    const problems = validatePriceList(draft);
    if (!PRICE_LIST_ID_PATTERN.test(draft.id)) problems.unshift(problem('id', 'INVALID', 'id is 3-100 lower-case letters, digits and dashes'));
    if (problems.length > 0) return new Refused(problems);
    return this.writer.change(principal, async (scope) => {
      if (await scope.em.findOne(PriceList, { id: draft.id })) return new Refused([problem('id', 'CONFLICT', 'A price list with this id exists')]);
      const refusal = await checkAgainstCatalogue(scope.em, draft, draft.prices);
      if (refusal) return refusal;
      const now = new Date();
      const list = scope.em.create(PriceList, {
        id: draft.id,
        region: draft.region,
        channel: draft.channel,
        currency: draft.currency,
        validFrom: new Date(draft.validFrom),
        validTo: draft.validTo ? new Date(draft.validTo) : null,
        shipping: draft.shipping,
        version: 1,
        catalogueVersion: scope.catalogueVersion,
        createdAt: now,
        updatedAt: now,
      });
      await scope.em.flush();
      await applyPrices(scope.em, list.id, draft.prices);
      const facts = await loadPriceListFacts(scope.em, list);
      scope.audit({ action: 'price-list.created', entityType: 'PriceList', entityId: list.id, ...priceListAuditEntry(null, facts) });
      scope.publish({ kind: 'price-list', priceList: facts });
      return list;
    });
  }

  /** Changes the period or shipping of a list; its scope is fixed once created. */
  async update(
    principal: Principal,
    id: string,
    expectedVersion: number,
    changes: Pick<PriceListFacts, 'validFrom' | 'validTo' | 'shipping'>,
  ): Promise<PriceList | Refused> {
    return this.writer.change(principal, async (scope) => {
      const list = await this.loadForChange(scope.em, id, expectedVersion);
      if (list instanceof Refused) return list;
      const before = await loadPriceListFacts(scope.em, list);
      const draft = { ...before, ...changes };
      const problems = validatePriceList(draft);
      if (problems.length > 0) return new Refused(problems);
      const refusal = await checkAgainstCatalogue(scope.em, draft, []);
      if (refusal) return refusal;
      scope.em.assign(list, { validFrom: new Date(draft.validFrom), validTo: draft.validTo ? new Date(draft.validTo) : null, shipping: draft.shipping });
      return recordPriceListChange(scope, list, before, 'price-list.updated');
    });
  }

  /** Adds or changes the given prices and removes `removeSkus`; other prices stay as they are. */
  async setPrices(principal: Principal, id: string, expectedVersion: number, prices: PriceEntry[], removeSkus: string[]): Promise<PriceList | Refused> {
    return this.writer.change(principal, async (scope) => {
      const list = await this.loadForChange(scope.em, id, expectedVersion);
      if (list instanceof Refused) return list;
      const before = await loadPriceListFacts(scope.em, list);
      const problems = validatePriceList({ ...before, prices });
      if (problems.length > 0) return new Refused(problems);
      const unknown = await unknownSkus(scope.em, prices);
      if (unknown.length > 0) return new Refused(unknown);
      await applyPrices(scope.em, id, prices, removeSkus);
      return recordPriceListChange(scope, list, before, 'price-list.prices-set');
    });
  }

  find(id: string): Promise<PriceList | null> {
    return this.orm.em.fork().findOne(PriceList, { id });
  }

  private async loadForChange(em: EntityManager, id: string, expectedVersion: number): Promise<PriceList | Refused> {
    const list = await em.findOne(PriceList, { id });
    if (!list) return new Refused([problem('id', 'NOT_FOUND', 'No price list has this id')]);
    if (list.version !== expectedVersion)
      return new Refused([problem('expectedVersion', 'CONFLICT', 'The price list changed since it was read; reload and retry')]);
    return list;
  }
}

/** Closes a change to a list: next version, audit entry with what changed (header and touched prices), replication of the whole list. */
export async function recordPriceListChange(scope: ChangeScope, list: PriceList, before: PriceListFacts, action: string): Promise<PriceList> {
  scope.em.assign(list, { version: list.version + 1, catalogueVersion: scope.catalogueVersion, updatedAt: new Date() });
  await scope.em.flush();
  const after = await loadPriceListFacts(scope.em, list);
  scope.audit({ action, entityType: 'PriceList', entityId: list.id, ...priceListAuditEntry(before, after) });
  scope.publish({ kind: 'price-list', priceList: after });
  return list;
}

/** Another list of the scope in force at the same time, or prices for SKUs the catalogue does not have. */
async function checkAgainstCatalogue(
  em: EntityManager,
  draft: Omit<PriceListDraft, 'prices'> & { id: string },
  prices: readonly PriceEntry[],
): Promise<Refused | null> {
  const sameScope = await em.find(PriceList, { region: draft.region, channel: draft.channel, currency: draft.currency });
  const other = findOverlap(
    draft,
    sameScope.map((list) => ({
      id: list.id,
      region: list.region,
      channel: list.channel as Channel,
      currency: list.currency,
      validFrom: list.validFrom.toISOString(),
      validTo: list.validTo?.toISOString() ?? null,
    })),
  );
  if (other) return new Refused([overlapProblem(other)]);
  const unknown = await unknownSkus(em, prices);
  return unknown.length > 0 ? new Refused(unknown) : null;
}

async function unknownSkus(em: EntityManager, prices: readonly PriceEntry[]): Promise<CatalogueProblem[]> {
  if (prices.length === 0) return [];
  const known = new Set((await em.find(Product, { sku: { $in: prices.map((p) => p.sku) } }, { fields: ['sku'] })).map((p) => p.sku));
  return prices.flatMap((entry, index) => (known.has(entry.sku) ? [] : [problem(['prices', String(index), 'sku'], 'UNKNOWN_SKU', 'No product has this SKU')]));
}

/** Upserts prices in one statement (an import may carry thousands) and removes the named ones. */
export async function applyPrices(em: EntityManager, priceListId: string, prices: readonly PriceEntry[], removeSkus: readonly string[] = []): Promise<void> {
  const connection = em.getConnection();
  const tx = em.getTransactionContext();
  if (prices.length > 0) {
    await connection.execute(
      `insert into catalogue.price (price_list_id, sku, unit_price, free)
       select ?, r.sku, r.unit_price, r.free from jsonb_to_recordset(?::jsonb) as r(sku varchar, unit_price bigint, free boolean)
       on conflict (price_list_id, sku) do update set unit_price = excluded.unit_price, free = excluded.free`,
      [priceListId, JSON.stringify(prices.map((p) => ({ sku: p.sku, unit_price: p.unitPrice, free: p.free === true })))],
      'run',
      tx,
    );
  }
  if (removeSkus.length > 0) {
    // One JSON parameter: MikroORM does not bind a JavaScript array to `= any(?)`.
    await connection.execute(
      'delete from catalogue.price where price_list_id = ? and sku in (select jsonb_array_elements_text(?::jsonb))',
      [priceListId, JSON.stringify(removeSkus)],
      'run',
      tx,
    );
  }
}
