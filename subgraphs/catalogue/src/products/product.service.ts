import { v7 as uuidv7 } from 'uuid';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { problem } from '@hub/shared/catalogue/problem';
import { validateProduct, type ProductFacts, type ProductStatus } from '@hub/shared/catalogue/products/product.rules';
import { Refused, type CatalogueWriter, type ChangeScope } from '../changes/catalogue-writer.js';
import { Product } from './persistence/product.entity.js';
import { productFactsOf } from './product.mapper.js';

/** Creating, editing and retiring products; each one a catalogue change (audited, replicated). */
export class ProductService {
  constructor(
    private readonly orm: MikroORM,
    private readonly writer: CatalogueWriter,
  ) {}

  async upsert(principal: Principal, facts: ProductFacts, expectedVersion: number | null): Promise<Product | Refused> {
    const problems = validateProduct(facts);
    if (problems.length > 0) return new Refused(problems);
    return this.writer.change(principal, async (scope) => {
      const existing = await scope.em.findOne(Product, { sku: facts.sku });
      if (expectedVersion !== null && existing?.version !== expectedVersion) {
        return new Refused([
          existing
            ? problem('expectedVersion', 'CONFLICT', 'The product changed since it was read; reload and retry')
            : problem('sku', 'NOT_FOUND', 'No product has this SKU'),
        ]);
      }
      return storeProduct(scope, facts, existing);
    });
  }

  async setStatus(principal: Principal, sku: string, status: ProductStatus, expectedVersion: number | null): Promise<Product | Refused> {
    return this.writer.change(principal, async (scope) => {
      const existing = await scope.em.findOne(Product, { sku });
      if (!existing) return new Refused([problem('sku', 'NOT_FOUND', 'No product has this SKU')]);
      if (expectedVersion !== null && existing.version !== expectedVersion) {
        return new Refused([problem('expectedVersion', 'CONFLICT', 'The product changed since it was read; reload and retry')]);
      }
      return storeProduct(scope, { ...productFactsOf(existing), status }, existing);
    });
  }

  find(sku: string): Promise<Product | null> {
    return this.orm.em.fork().findOne(Product, { sku });
  }
}

/** Writes one product inside a change: the row, its audit entry and its replication message. */
export function storeProduct(scope: ChangeScope, facts: ProductFacts, existing: Product | null): Product {
  const now = new Date();
  const before = existing ? productFactsOf(existing) : null;
  let product: Product;
  if (existing) {
    scope.em.assign(existing, { ...facts, version: existing.version + 1, catalogueVersion: scope.catalogueVersion, updatedAt: now });
    product = existing;
  } else {
    product = scope.em.create(Product, { id: uuidv7(), ...facts, version: 1, catalogueVersion: scope.catalogueVersion, createdAt: now, updatedAt: now });
  }
  scope.audit({ action: existing ? 'product.updated' : 'product.created', entityType: 'Product', entityId: facts.sku, before, after: facts });
  scope.publish({ kind: 'product', product: facts });
  return product;
}
