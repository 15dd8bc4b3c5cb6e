import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import type { StreamUse } from '../../messaging/jetstream-use.js';
import { CHANNELS } from '../../messaging/contracts.js';
import { declareStreams } from '../../messaging/streams.js';
import { PRICE_LIST_ID_PATTERN } from '../pricing/price-list.rules.js';
import { PRODUCT_STATUSES, NAME_LOCALES } from '../products/product.rules.js';
import { CN_RETURN_CLASSES, PRODUCT_CATEGORIES } from '../products/return-class.rules.js';
import { EU_TAX_CLASSES } from '../vat/tax-class.js';

/**
 * The catalogue's replication channel: one subject per product and per price list, and a stream that keeps only the
 * newest message of each subject. The stream is thus itself the current catalogue: a new replica reads it from the
 * start and holds everything; a running one receives each change once more after it happened.
 */
export function catalogueSubjectsFor(namespace: string) {
  return {
    stream: `${namespace.toUpperCase()}_CATALOGUE`,
    all: `${namespace}.catalogue.v1.>`,
    /** SKUs may contain dots, which separate subject tokens; `~` never occurs in a SKU, so the mapping is reversible. */
    product: (sku: string) => `${namespace}.catalogue.v1.product.${sku.replaceAll('.', '~')}`,
    /**
     * Price-list ids never contain a dot (`PRICE_LIST_ID_PATTERN`), so a whole list's subject always has one token
     * after `price-list` and a part's three: the two can never collide.
     */
    priceList: (id: string) => `${namespace}.catalogue.v1.price-list.${id}`,
    priceListPart: (id: string, part: number) => `${namespace}.catalogue.v1.price-list.${id}.part.${part}`,
    replicaConsumer: (service: string) => `${namespace}-${service}-catalogue`,
  };
}
export type CatalogueSubjects = ReturnType<typeof catalogueSubjectsFor>;

/** Declares the catalogue stream: newest message per subject, kept until superseded; a `user` only creates it when missing. */
export async function ensureCatalogueStream(nc: NatsConnection, subjects: CatalogueSubjects, role: StreamUse['role'] = 'owner'): Promise<void> {
  await declareStreams(nc, [{ name: subjects.stream, subjects: [subjects.all], newestPerSubject: true, role }]);
}

const minorUnits = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const productFactsSchema = z.object({
  sku: z.string().min(1).max(64),
  names: z.partialRecord(z.enum(NAME_LOCALES), z.string()),
  category: z.enum(PRODUCT_CATEGORIES),
  cnReturnClass: z.enum(CN_RETURN_CLASSES),
  euTaxClass: z.enum(EU_TAX_CLASSES),
  hazardous: z.boolean(),
  weightGrams: z.number().int().min(0),
  lengthMm: z.number().int().min(0),
  widthMm: z.number().int().min(0),
  heightMm: z.number().int().min(0),
  status: z.enum(PRODUCT_STATUSES),
});

export const priceListFactsSchema = z.object({
  id: z.string().regex(PRICE_LIST_ID_PATTERN),
  version: z.number().int().min(1),
  region: z.string(),
  channel: z.enum(CHANNELS),
  currency: z.string().regex(/^[A-Z]{3}$/),
  validFrom: z.iso.datetime({ offset: true }),
  validTo: z.iso.datetime({ offset: true }).nullable(),
  prices: z.array(z.object({ sku: z.string(), unitPrice: minorUnits, free: z.boolean().optional() })),
  shipping: z.object({ baseFee: minorUnits, perKgFee: minorUnits, bulkySurcharge: minorUnits, freeFrom: minorUnits.nullable() }),
});

/**
 * One replicated item as of a catalogue version. A price list too large for one message travels as `parts` messages
 * of kind `price-list-part`, each with the list's header fields and one slice of its prices (see price-list-parts.ts).
 */
export const catalogueChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('product'), catalogueVersion: z.number().int().min(1), product: productFactsSchema }),
  z.object({ kind: z.literal('price-list'), catalogueVersion: z.number().int().min(1), priceList: priceListFactsSchema }),
  z
    .object({
      kind: z.literal('price-list-part'),
      catalogueVersion: z.number().int().min(1),
      part: z.number().int().min(0),
      parts: z.number().int().min(1),
      priceList: priceListFactsSchema,
    })
    .refine((change) => change.part < change.parts, { message: 'part is below parts', path: ['part'] }),
]);
export type CatalogueChange = z.infer<typeof catalogueChangeSchema>;
export type PriceListPartChange = Extract<CatalogueChange, { kind: 'price-list-part' }>;
export type PriceListChange = Extract<CatalogueChange, { kind: 'price-list' | 'price-list-part' }>;

/** Derived from the change, so a republished change is dropped by the stream and skipped by replicas. */
export function catalogueChangeMessageId(change: CatalogueChange): string {
  switch (change.kind) {
    case 'product':
      return `catalogue.product:${change.product.sku}:${change.catalogueVersion}`;
    case 'price-list':
      return `catalogue.price-list:${change.priceList.id}:${change.catalogueVersion}`;
    case 'price-list-part':
      return `catalogue.price-list-part:${change.priceList.id}:${change.catalogueVersion}:${change.part}`;
  }
}

/** The subject a change is published on: the stream keeps the newest message of each. */
export function catalogueChangeSubject(subjects: CatalogueSubjects, change: CatalogueChange): string {
  switch (change.kind) {
    case 'product':
      return subjects.product(change.product.sku);
    case 'price-list':
      return subjects.priceList(change.priceList.id);
    case 'price-list-part':
      return subjects.priceListPart(change.priceList.id, change.part);
  }
}
