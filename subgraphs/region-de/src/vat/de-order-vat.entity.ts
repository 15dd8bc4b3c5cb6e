import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { VAT_SCHEMES } from '../rules/vat-scheme.rules.js';
import type { VatLine } from '../rules/vat-lines.rules.js';

/**
 * The VAT determination made at intake, kept as the evidence for the invoice and the VAT return: regime,
 * country, rate and date it was taken from, and how the buyer's VAT ID was checked. No personal data.
 */
export const DeOrderVat = defineEntity({
  name: 'DeOrderVat',
  tableName: 'de_order_vat',
  properties: {
    orderId: p.uuid().primary(),
    scheme: p.enum(VAT_SCHEMES),
    destination: p.string().length(2),
    taxCountry: p.string().length(2).nullable(),
    rateBp: p.integer(),
    rateValidFrom: p.date().nullable(),
    /** The order date in Germany; the distance-sales threshold sums by its calendar year. */
    orderDate: p.date().index(),
    lines: p.json<VatLine[]>(),
    netTotal: p.bigint('number'),
    vatTotal: p.bigint('number'),
    /** `VALID` after an online check, `FORMAT_ONLY` when no online check ran; null without a VAT ID. */
    vatIdCheck: p.string().length(16).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type DeOrderVat = InferEntity<typeof DeOrderVat>;
