// `node bench/rules.mjs [--orders 20000]`: what order rules cost a region per order, with 50 active rules across the
// six modules, evaluated from the in-memory rule book a region's replica holds (no network): CPU µs per order for the
// validation step alone and for the whole pipeline (validate → price → lock → allocate → invoice → notify), on a
// 5-line and a 50-line order, and against the same pipeline with no rules. Prints figures from one run; not a test.
import { parseArgs } from 'node:util';
import { StaticRuleBook } from '@hub/shared/rules/domain/rule-book';
import { evaluateOrderRules, evaluateValidationRules } from '@hub/shared/rules/domain/rule-evaluation';
import { indexCatalogue } from '@hub/shared/catalogue/snapshot';
import { aPriceList, aProduct } from '@hub/shared/catalogue/testing/fixtures';
import { priceOrder } from '@hub/shared/region/placement/placement-pricing.rules';
import { applyPromotionRules, applyValidationRules, decideHold, orderContextOf } from '@hub/shared/region/placement/placement-order-rules';
import { decideLaterModules } from '@hub/shared/region/placement/placement-fulfilment-rules';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '20000' } } });
const orders = Number(values.orders);
const from = '2026-01-01T00:00:00Z';
const at = new Date('2026-06-01T00:00:00Z');

/** 50 rules of the kinds business users write: compliance checks, campaign discounts, holds, weights, invoices, notices. */
function publications() {
  const set = (ruleSet, module, rules) => ({
    ruleSet,
    module,
    scope: { region: 'de', channel: null, customerSegment: null },
    publication: 1,
    publishedAt: from,
    versions: [{ version: 1, effectiveFrom: from, effectiveTo: null, rules }],
  });
  const rule = (id, condition, extra = {}) => ({ id, description: '', condition, message: `rule ${id}`, priority: 0, ...extra });
  const countries = ['FR', 'IT', 'ES', 'NL', 'BE', 'AT', 'PL', 'CZ', 'DK', 'SE'];
  return [
    set(
      'compliance',
      'VALIDATION',
      countries.map((c, i) =>
        rule(
          `cb-${i}`,
          `order.originCountry != order.destinationCountry && order.destinationCountry == "${c}" && order.lines.exists(l, l.hazardous && l.category == "ELECTRONICS")`,
          { code: `CROSS_BORDER_${c}` },
        ),
      ),
    ),
    set(
      'limits',
      'VALIDATION',
      Array.from({ length: 10 }, (_, i) =>
        rule(`limit-${i}`, `order.channel == "CH${i}" && (order.grandTotal > ${100_000 + i} || order.lines.exists(l, l.quantity > ${50 + i}))`, {
          code: `LIMIT_${i}`,
        }),
      ),
    ),
    set(
      'campaign',
      'PRICING',
      Array.from({ length: 15 }, (_, i) =>
        rule(`promo-${i}`, `order.itemsTotal >= ${5_000 + i * 1_000} && order.lines.exists(l, l.category == "APPAREL")`, {
          value: `order.itemsTotal / ${20 + i}`,
          priority: i,
        }),
      ),
    ),
    set(
      'holds',
      'INVENTORY_LOCK',
      Array.from({ length: 5 }, (_, i) => rule(`hold-${i}`, `pricing.discountTotal > ${i * 100}`, { value: `${15 + i * 15}` })),
    ),
    set(
      'weights',
      'ALLOCATION_WEIGHTS',
      Array.from({ length: 5 }, (_, i) => rule(`w-${i}`, `order.lines.size() > ${i}`, { value: `${i}.5`, target: `criterion-${i}` })),
    ),
    set(
      'invoices',
      'INVOICE',
      Array.from({ length: 3 }, (_, i) => rule(`inv-${i}`, `order.customerSegment == "seg-${i}"`, { value: `"template-${i}"` })),
    ),
    set(
      'notices',
      'NOTIFICATION',
      Array.from({ length: 2 }, (_, i) => rule(`notice-${i}`, `pricing.payableTotal > ${i * 10_000}`, { value: `"notice-${i}"` })),
    ),
  ];
}

const order = (lineCount) => ({
  region: 'de',
  channel: 'WEB',
  currency: 'EUR',
  customerSegment: 'seg-1',
  originCountry: 'DE',
  destinationCountry: 'FR',
  paymentTerms: 'PREPAID',
  itemsTotal: 12_000 * lineCount,
  shippingTotal: 495,
  grandTotal: 12_000 * lineCount + 495,
  lines: Array.from({ length: lineCount }, (_, i) => ({
    sku: `SKU-${i}`,
    quantity: 1 + (i % 3),
    unitPrice: 12_000,
    category: i % 2 ? 'APPAREL' : 'BOOKS',
    hazardous: false,
  })),
});

/** Distinct order objects, built before measuring: evaluation caches an order's CEL form per object, as placement would once per order. */
function cpuMicrosPerCall(fn, lines) {
  const warm = Array.from({ length: 2_000 }, () => order(lines));
  for (const o of warm) fn(o); // warm-up: JIT
  const batch = Array.from({ length: orders }, () => order(lines));
  const before = process.cpuUsage();
  for (const o of batch) fn(o);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / orders;
}

const compileStarted = process.cpuUsage();
const book = StaticRuleBook.of(publications());
const compileCpu = process.cpuUsage(compileStarted);
const empty = StaticRuleBook.of([]);
const ruleCount = ['VALIDATION', 'PRICING', 'INVENTORY_LOCK', 'ALLOCATION_WEIGHTS', 'INVOICE', 'NOTIFICATION'].reduce(
  (n, m) => n + book.versionsOf(m).reduce((k, v) => k + v.rules.length, 0),
  0,
);

const sample = evaluateOrderRules(book, order(5), at);
console.log(
  `order rules: ${ruleCount} active rules in 7 rule sets; compiling them all took ${((compileCpu.user + compileCpu.system) / 1000).toFixed(1)} ms CPU (once per publication received)`,
);
console.log(
  `sample 5-line order: accepted=${sample.validation.accepted} discount=${sample.pricing.discountTotal} hold=${sample.inventoryLock.holdMinutes} weights=${Object.keys(sample.allocation.weights).length} invoice=${sample.invoice.template} notices=${sample.notification.notices.length}`,
);
for (const lines of [5, 50]) {
  const validation = cpuMicrosPerCall((o) => evaluateValidationRules(book, o, at), lines);
  const pipeline = cpuMicrosPerCall((o) => evaluateOrderRules(book, o, at), lines);
  const none = cpuMicrosPerCall((o) => evaluateOrderRules(empty, o, at), lines);
  console.log(
    `${String(lines).padStart(2)}-line order: validation (20 rules) ${validation.toFixed(1)} µs CPU/order · whole pipeline (50 rules) ${pipeline.toFixed(1)} µs CPU/order · pipeline with no rules ${none.toFixed(1)} µs CPU/order · rules add ${(pipeline - none).toFixed(1)} µs`,
  );
}

// The placement pipeline's in-memory part as every region runs it (shared/src/region/placement): pricing the cart from
// the catalogue copy, then building the order context, applying the validation rules, the promotions (discounts on the
// lines and the VAT base, gifts), the hold rules, and the lock, invoice and notification modules from the replica,
// against the same placement with an empty rule book. The database transaction and HTTP a placement also costs are
// not included.
const skus = Array.from({ length: 50 }, (_, i) => `SKU-${i}`);
const catalogue = indexCatalogue({
  version: 1,
  takenAt: from,
  products: skus.map((sku, i) => aProduct({ sku, names: { en: sku }, category: i % 2 ? 'APPAREL' : 'BOOKS' })),
  priceLists: [aPriceList({ id: 'de-web-eur-bench', channel: 'WEB', validFrom: from, prices: skus.map((sku) => ({ sku, unitPrice: 12_000 })) })],
});
const cart = {
  region: 'de',
  channel: 'WEB',
  currency: 'EUR',
  destination: { country: 'FR', postalCode: '75001' },
  customerType: 'CONSUMER',
  vatIdCountry: null,
  at,
};
const clientOf = (lineCount) => ({
  lines: skus.slice(0, lineCount).map((sku, i) => ({ sku, quantity: 1 + (i % 3), unitPrice: null, unitTax: null, attributes: {} })),
  shippingTotal: null,
  discountTotal: 0,
});
function placeInMemory(rules, client) {
  const priced = priceOrder(catalogue, cart, client);
  if (!priced.ok) throw new Error(`bench cart does not price: ${JSON.stringify(priced.problems)}`);
  if (!rules) return priced.order;
  const context = orderContextOf({
    region: 'de',
    channel: 'WEB',
    customerType: 'CONSUMER',
    originCountry: 'DE',
    destinationCountry: 'FR',
    paymentTerms: 'PREPAID',
    priced: priced.order,
  });
  applyValidationRules(rules, context, at);
  const promoted = applyPromotionRules(rules, catalogue, priced.order, context);
  const held = decideHold(rules, context, promoted.priced, at);
  // Lock inventory → invoice → notify, whose decisions travel with the order (ruleFacts) or stay with the region's record.
  const later = decideLaterModules(rules, context, { discountTotal: promoted.priced.quote.totals.discountTotal, payableTotal: promoted.priced.grandTotal }, at);
  return { held, later };
}
function placementMicros(rules, lineCount) {
  const client = clientOf(lineCount);
  for (let i = 0; i < 2_000; i += 1) placeInMemory(rules, client);
  const before = process.cpuUsage();
  for (let i = 0; i < orders; i += 1) placeInMemory(rules, client);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / orders;
}
for (const lines of [5, 50]) {
  const off = placementMicros(null, lines);
  const empty = placementMicros(StaticRuleBook.of([]), lines);
  const on = placementMicros(book, lines);
  console.log(
    `${String(lines).padStart(2)}-line placement (price + rules hook, in memory): rules off ${off.toFixed(1)} µs CPU/order · hook with no rule in force ${empty.toFixed(1)} µs · with the rules (20 validation, 15 promotions applied) ${on.toFixed(1)} µs · rules add ${(on - off).toFixed(1)} µs`,
  );
}
