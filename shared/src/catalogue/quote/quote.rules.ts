import type { Channel } from '../../messaging/contracts.js';
import { localDate, type IsoDate } from '../iso-date.js';
import { priceListInForce, type ShippingSchedule } from '../pricing/price-list.rules.js';
import { problem, type CatalogueProblem } from '../problem.js';
import type { ProductFacts } from '../products/product.rules.js';
import { cnReturnTermsOf, type CnReturnTerms } from '../products/return-class.rules.js';
import type { IndexedCatalogue } from '../snapshot.js';
import type { EuTaxClass } from '../vat/tax-class.js';
import { shippingVat, unitVat, type ShippingVatPart } from '../vat/vat-amounts.js';
import { rateForTaxClass, vatRatesOn } from '../vat/vat-rates.table.js';
import { REGION_PRICING, type EuSellerFacts, type TaxDecision } from './region-pricing.js';

export const CUSTOMER_TYPES = ['CONSUMER', 'BUSINESS'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

export interface CartLine {
  sku: string;
  quantity: number;
}

/** A cart to price: the same facts whether a checkout asks for a quote or a region takes the order. */
export interface QuoteRequest {
  region: string;
  channel: Channel;
  currency: string;
  destination: { country: string; postalCode?: string | null };
  customerType: CustomerType;
  /** Issuing country of a well-formed VAT ID (checked by the caller); only businesses give one. */
  vatIdCountry: string | null;
  lines: readonly CartLine[];
  /** The instant prices and tax are taken for: now at placement; an earlier one for corrections and previews. */
  at: Date;
  eu?: EuSellerFacts;
  /** Alcohol, tobacco or energy products in the cart (never under IOSS); a region that knows it says so. */
  exciseGoods?: boolean;
}

export interface QuotedLine {
  lineNo: number;
  sku: string;
  name: string;
  quantity: number;
  /** Net, per unit, minor units. */
  unitPrice: number;
  unitTax: number;
  taxClass: EuTaxClass;
  rateBp: number;
  net: number;
  tax: number;
  cnReturnTerms: CnReturnTerms | null;
  /** Facts stored with the line as sold, so a later catalogue change does not alter a past order. */
  attributes: Record<string, string | number | boolean>;
}

export interface Quote {
  catalogueVersion: number;
  priceListId: string;
  priceListVersion: number;
  currency: string;
  at: Date;
  /** The calendar day in the region the tax was taken for. */
  taxDate: IsoDate;
  vat: TaxDecision;
  lines: QuotedLine[];
  /** Promotions come from order rules; the catalogue itself grants none. */
  discounts: Array<{ code: string; amount: number }>;
  shipping: { net: number; tax: number; parts: ShippingVatPart[] };
  totals: { itemsTotal: number; taxTotal: number; shippingTotal: number; discountTotal: number; grandTotal: number };
  cashOnDelivery: { available: boolean; limit: number | null };
}

export type QuoteResult = { ok: true; quote: Quote } | { ok: false; problems: CatalogueProblem[] };

const BULKY_WEIGHT_GRAMS = 31_500;
const BULKY_SIDE_MM = 1_200;

/** Prices a cart from a catalogue held in memory: no I/O, so a region runs it at placement and the catalogue for a quote. */
export function computeQuote(catalogue: IndexedCatalogue, request: QuoteRequest): QuoteResult {
  const policy = REGION_PRICING[request.region];
  if (!policy) return fail(problem('region', 'INVALID', 'No pricing is defined for this region'));
  // Every problem the cart has is named at once, so a checkout fixes them in one round; a check that depends on
  // another (tax on a destination the region does not serve) is skipped rather than reported twice.
  const problems: CatalogueProblem[] = [];
  const delivers = policy.destinations(request.destination.country);
  if (!delivers) problems.push(problem(['destination', 'country'], 'INVALID', `Region ${request.region} does not deliver there`));
  const strayVatId = request.customerType === 'CONSUMER' && request.vatIdCountry !== null;
  if (strayVatId) problems.push(problem('vatId', 'INVALID', 'Only business customers give a VAT ID'));
  const list = priceListInForce(catalogue.priceLists, request, request.at);
  if (!list)
    problems.push(
      problem('currency', 'PRICE_NOT_FOUND', `No price list is in force for ${request.region} / ${request.channel} / ${request.currency} at that time`),
    );

  const priced: Array<{ product: ProductFacts; quantity: number; unitPrice: number }> = [];
  request.lines.forEach((line, index) => {
    const product = catalogue.products.get(line.sku);
    const at = ['lines', String(index), 'sku'];
    if (!product || product.status === 'DRAFT') return void problems.push(problem(at, 'UNKNOWN_SKU', `Line ${index + 1}: the SKU is not in the catalogue`));
    if (product.status === 'RETIRED') return void problems.push(problem(at, 'SKU_RETIRED', `Line ${index + 1}: the product is no longer sold`));
    if (!list) return;
    const entry = catalogue.prices.get(list.id)?.get(line.sku);
    if (!entry) return void problems.push(problem(at, 'PRICE_NOT_FOUND', `Line ${index + 1}: the product has no price in price list ${list.id}`));
    priced.push({ product, quantity: line.quantity, unitPrice: entry.unitPrice });
  });

  const goodsNet = priced.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const decision =
    delivers && !strayVatId
      ? policy.decideTax({
          destination: request.destination,
          vatIdCountry: request.vatIdCountry,
          goodsNet,
          exciseGoods: request.exciseGoods ?? false,
          ...(request.eu ? { eu: request.eu } : {}),
        })
      : null;
  if (decision && 'code' in decision) problems.push(decision);
  if (problems.length > 0 || !list || !decision || 'code' in decision) return { ok: false, problems };
  const taxDate = localDate(request.at, policy.timeZone);
  const period = decision.taxCountry === null ? null : vatRatesOn(decision.taxCountry, taxDate);
  if (decision.taxCountry !== null && !period)
    return fail(problem('at', 'VAT_NOT_DETERMINED', `No VAT rate of ${decision.taxCountry} is known for ${taxDate}`));

  const lines: QuotedLine[] = priced.map(({ product, quantity, unitPrice }, index) => {
    const rateBp = period ? rateForTaxClass(period, product.euTaxClass) : 0;
    const unitTax = unitVat(unitPrice, rateBp);
    return {
      lineNo: index + 1,
      sku: product.sku,
      name: product.names.en ?? product.sku,
      quantity,
      unitPrice,
      unitTax,
      taxClass: product.euTaxClass,
      rateBp,
      net: quantity * unitPrice,
      tax: quantity * unitTax,
      cnReturnTerms: policy.cnReturnTerms ? cnReturnTermsOf(product.cnReturnClass) : null,
      attributes: {
        category: product.category,
        cnReturnClass: product.cnReturnClass,
        euTaxClass: product.euTaxClass,
        hazardous: product.hazardous,
        weightGrams: product.weightGrams,
      },
    };
  });
  const shippingNet = shippingFee(list.shipping, goodsNet, priced);
  const parts = shippingVat(
    shippingNet,
    lines.map((line) => ({ rateBp: line.rateBp, net: line.net })),
  );
  const shipping = { net: shippingNet, tax: parts.reduce((sum, part) => sum + part.vat, 0), parts };
  const itemsTotal = goodsNet;
  const taxTotal = lines.reduce((sum, line) => sum + line.tax, 0);
  // Core keeps VAT per line; shipping travels gross, so the order's grand total equals the quote's.
  const shippingTotal = shipping.net + shipping.tax;
  const grandTotal = itemsTotal + taxTotal + shippingTotal;
  if (!Number.isSafeInteger(grandTotal)) return fail(problem('lines', 'INVALID', 'The order total is too large'));
  const codLimit = policy.codLimit(request.destination.country);
  return {
    ok: true,
    quote: {
      catalogueVersion: catalogue.version,
      priceListId: list.id,
      priceListVersion: list.version,
      currency: list.currency,
      at: request.at,
      taxDate,
      vat: decision,
      lines,
      discounts: [],
      shipping,
      totals: { itemsTotal, taxTotal, shippingTotal, discountTotal: 0, grandTotal },
      cashOnDelivery: { available: codLimit !== null && grandTotal <= codLimit, limit: codLimit },
    },
  };
}

function fail(p: CatalogueProblem): QuoteResult {
  return { ok: false, problems: [p] };
}

/** Net shipping for the goods by the list's schedule; bulky or heavy items pay their surcharge even when shipping is free. */
export function shippingFee(
  schedule: ShippingSchedule,
  goodsNet: number,
  lines: ReadonlyArray<{ product: Pick<ProductFacts, 'weightGrams' | 'lengthMm' | 'widthMm' | 'heightMm' | 'category'>; quantity: number }>,
): number {
  const physical = lines.filter((line) => line.product.category !== 'DIGITAL_CONTENT');
  if (physical.length === 0) return 0;
  const bulkyItems = physical.reduce((sum, { product, quantity }) => {
    const bulky = product.weightGrams > BULKY_WEIGHT_GRAMS || Math.max(product.lengthMm, product.widthMm, product.heightMm) > BULKY_SIDE_MM;
    return sum + (bulky ? quantity : 0);
  }, 0);
  const surcharge = bulkyItems * schedule.bulkySurcharge;
  if (schedule.freeFrom !== null && goodsNet >= schedule.freeFrom) return surcharge;
  const grams = physical.reduce((sum, { product, quantity }) => sum + product.weightGrams * quantity, 0);
  const extraKg = Math.max(0, Math.ceil(grams / 1000) - 1);
  return schedule.baseFee + extraKg * schedule.perKgFee + surcharge;
}
