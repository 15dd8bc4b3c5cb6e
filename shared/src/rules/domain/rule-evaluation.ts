import { versionsInForce, type CompiledVersion, type RuleBook } from './rule-book.js';
import type { CompiledRule } from './rule-language.js';
import { toCelOrder, toCelPricing, type OrderContext, type PricingOutcomeContext } from './order-context.js';
import { SHORTAGE_POLICIES, type RuleModule, type ShortagePolicy } from './rule-modules.js';

/** Which version of which rule set handled an order: recorded on the order so an operator can say why. */
export interface RuleVersionUsed {
  ruleSet: string;
  version: number;
  /** The publication the evaluating process held; lower than the hub's newest when it has not caught up yet. */
  publication: number;
}

/** A rule that applied to an order. */
export interface RuleHit {
  ruleSet: string;
  version: number;
  ruleId: string;
  message: string;
  code: string | null;
  target: string | null;
  value: bigint | number | string | null;
}

interface ModuleRun {
  handledWith: RuleVersionUsed[];
  hits: RuleHit[];
  /** Rules whose evaluation failed at run time (an overflow, a division by zero): reported, never silent. */
  failures: Array<{ ruleSet: string; version: number; ruleId: string; message: string }>;
}

/** The CEL form of an order, built once per order object however many modules read it. */
const celOrders = new WeakMap<OrderContext, Record<string, unknown>>();
function celOrderOf(order: OrderContext): Record<string, unknown> {
  let converted = celOrders.get(order);
  if (!converted) {
    converted = toCelOrder(order);
    celOrders.set(order, converted);
  }
  return converted;
}

const usedOf = (version: CompiledVersion): RuleVersionUsed => ({ ruleSet: version.ruleSet, version: version.version, publication: version.publication });

function runRule(version: CompiledVersion, rule: CompiledRule, context: Record<string, unknown>, run: ModuleRun): void {
  const { definition } = rule;
  try {
    if (rule.condition(context) !== true) return;
    const value = rule.value ? (rule.value(context) as bigint | number | string) : null;
    run.hits.push({
      ruleSet: version.ruleSet,
      version: version.version,
      ruleId: definition.id,
      message: definition.message,
      code: definition.code ?? null,
      target: definition.target ?? null,
      value,
    });
  } catch (error) {
    run.failures.push({ ruleSet: version.ruleSet, version: version.version, ruleId: definition.id, message: (error as Error).message.split('\n')[0]! });
  }
}

/** Runs every rule of every rule set of the module in force for the order, in rule-set then priority order. */
export function runModule(book: RuleBook, module: RuleModule, order: OrderContext, at: Date, pricing?: PricingOutcomeContext): ModuleRun {
  const versions = versionsInForce(book, module, order, at.getTime());
  const run: ModuleRun = { handledWith: versions.map(usedOf), hits: [], failures: [] };
  if (versions.length === 0) return run;
  const context = pricing ? { order: celOrderOf(order), pricing: toCelPricing(pricing) } : { order: celOrderOf(order) };
  for (const version of versions) for (const rule of version.rules) runRule(version, rule, context, run);
  return run;
}

export interface Refusal {
  code: string;
  message: string;
  ruleSet: string;
  version: number;
  ruleId: string;
}

export interface ValidationOutcome {
  accepted: boolean;
  refusals: Refusal[];
  handledWith: RuleVersionUsed[];
}

/**
 * The validation step of placement: an order is refused when any validation rule's condition holds. A rule that
 * fails to evaluate refuses too (code RULE_EVALUATION_FAILED): a compliance check must not pass by breaking.
 */
export function evaluateValidationRules(book: RuleBook, order: OrderContext, at: Date = new Date()): ValidationOutcome {
  const run = runModule(book, 'VALIDATION', order, at);
  const refusals: Refusal[] = [
    ...run.hits.map((hit) => ({
      code: hit.code ?? 'ORDER_RULE_REFUSED',
      message: hit.message,
      ruleSet: hit.ruleSet,
      version: hit.version,
      ruleId: hit.ruleId,
    })),
    ...run.failures.map((failure) => ({
      code: 'RULE_EVALUATION_FAILED',
      message: 'An order rule could not be evaluated for this order; an operator has to look at it.',
      ruleSet: failure.ruleSet,
      version: failure.version,
      ruleId: failure.ruleId,
    })),
  ];
  return { accepted: refusals.length === 0, refusals, handledWith: run.handledWith };
}

export interface PriceAdjustment {
  ruleSet: string;
  version: number;
  ruleId: string;
  label: string;
  /** Minor units taken off the items total. */
  amount: number;
}

export interface PricingOutcome extends PricingOutcomeContext {
  adjustments: PriceAdjustment[];
  handledWith: RuleVersionUsed[];
}

/**
 * The promotion step: matching discounts stack in rule-set then priority order, each capped so the items never
 * cost less than zero; a negative discount (a surcharge in disguise) is ignored.
 */
export function evaluatePricingRules(book: RuleBook, order: OrderContext, at: Date = new Date()): PricingOutcome {
  const run = runModule(book, 'PRICING', order, at);
  const adjustments: PriceAdjustment[] = [];
  let remaining = order.itemsTotal;
  for (const hit of run.hits) {
    const wanted = typeof hit.value === 'bigint' ? hit.value : 0n;
    const amount = Number(wanted < 0n ? 0n : wanted > BigInt(remaining) ? BigInt(remaining) : wanted);
    if (amount === 0) continue;
    remaining -= amount;
    adjustments.push({ ruleSet: hit.ruleSet, version: hit.version, ruleId: hit.ruleId, label: hit.message, amount });
  }
  const discountTotal = order.itemsTotal - remaining;
  return { discountTotal, payableTotal: order.grandTotal - discountTotal, adjustments, handledWith: run.handledWith };
}

export interface GiftOutcome {
  /** Gift SKUs bound to the order, in rule order; the region adds each as a zero-price line declaring the catalogue price. */
  gifts: Array<{ sku: string; ruleSet: string; version: number; ruleId: string; label: string }>;
  handledWith: RuleVersionUsed[];
}

export const MAX_GIFTS_PER_ORDER = 5;

/** Gifts for qualifying orders: one per SKU however many rules bind it, and a cap so stacked campaigns cannot empty a warehouse. */
export function evaluateGiftRules(book: RuleBook, order: OrderContext, pricing: PricingOutcomeContext, at: Date = new Date()): GiftOutcome {
  const run = runModule(book, 'GIFT', order, at, pricing);
  const gifts: GiftOutcome['gifts'] = [];
  for (const hit of run.hits) {
    const sku = String(hit.value);
    if (sku.length === 0 || gifts.some((gift) => gift.sku === sku) || gifts.length >= MAX_GIFTS_PER_ORDER) continue;
    gifts.push({ sku, ruleSet: hit.ruleSet, version: hit.version, ruleId: hit.ruleId, label: hit.message });
  }
  return { gifts, handledWith: run.handledWith };
}

export interface HoldOutcome {
  /** Approval levels needed to release the order (0: not held); fulfilment waits for the release. */
  levels: number;
  reasons: Array<{ ruleSet: string; version: number; ruleId: string; message: string }>;
  handledWith: RuleVersionUsed[];
}

export const MAX_HOLD_LEVELS = 3;

/** Holds for review (an order above a value, a new B2B account's first orders): the highest level asked wins, capped at three. */
export function evaluateHoldRules(book: RuleBook, order: OrderContext, pricing: PricingOutcomeContext, at: Date = new Date()): HoldOutcome {
  const run = runModule(book, 'HOLD', order, at, pricing);
  const asked = run.hits.map((hit) => Math.min(MAX_HOLD_LEVELS, Math.max(1, Number(hit.value))));
  return {
    levels: asked.length > 0 ? Math.max(...asked) : 0,
    reasons: run.hits.map((hit) => ({ ruleSet: hit.ruleSet, version: hit.version, ruleId: hit.ruleId, message: hit.message })),
    handledWith: run.handledWith,
  };
}

export interface InventoryLockOutcome {
  /** Minutes stock stays reserved for the unpaid order; null when no rule decides (the region's default applies). */
  holdMinutes: number | null;
  /** The shortage policy the first matching rule naming one (`target`) sets; null: fulfilment's configured default. */
  onShortage: ShortagePolicy | null;
  handledWith: RuleVersionUsed[];
}

/**
 * The longest matching hold wins: a shorter one from another rule set must not cut a campaign's reservation. The
 * shortage policy comes from the first matching rule that names one, in rule-set then priority order.
 */
export function evaluateInventoryLockRules(book: RuleBook, order: OrderContext, pricing: PricingOutcomeContext, at: Date = new Date()): InventoryLockOutcome {
  const run = runModule(book, 'INVENTORY_LOCK', order, at, pricing);
  const minutes = run.hits.map((hit) => Number(hit.value)).filter((value) => Number.isFinite(value) && value >= 0);
  const policy = run.hits.find((hit) => (SHORTAGE_POLICIES as readonly string[]).includes(hit.target ?? ''))?.target as ShortagePolicy | undefined;
  return { holdMinutes: minutes.length > 0 ? Math.max(...minutes) : null, onShortage: policy ?? null, handledWith: run.handledWith };
}

export interface AllocationWeightsOutcome {
  /** Criterion → weight, for fulfilment's allocation; criteria no rule names keep fulfilment's defaults. */
  weights: Record<string, number>;
  handledWith: RuleVersionUsed[];
}

export function evaluateAllocationWeights(
  book: RuleBook,
  order: OrderContext,
  pricing: PricingOutcomeContext,
  at: Date = new Date(),
): AllocationWeightsOutcome {
  const run = runModule(book, 'ALLOCATION_WEIGHTS', order, at, pricing);
  const weights: Record<string, number> = {};
  for (const hit of run.hits) if (hit.target && !(hit.target in weights)) weights[hit.target] = Number(hit.value);
  return { weights, handledWith: run.handledWith };
}

export interface InvoiceOutcome {
  template: string | null;
  handledWith: RuleVersionUsed[];
}

export function evaluateInvoiceRules(book: RuleBook, order: OrderContext, pricing: PricingOutcomeContext, at: Date = new Date()): InvoiceOutcome {
  const run = runModule(book, 'INVOICE', order, at, pricing);
  return { template: (run.hits[0]?.value as string | undefined) ?? null, handledWith: run.handledWith };
}

export interface NotificationOutcome {
  /** Notice kinds a rule asks to send (value, no target). */
  notices: string[];
  /** Notice kinds a rule keeps from the customer (target `SUPPRESS`): a suppression beats a request to send. */
  suppressed: string[];
  /** Notice kinds sent at once even in the customer's quiet hours (target `URGENT`), unless suppressed. */
  urgent: string[];
  handledWith: RuleVersionUsed[];
}

export function evaluateNotificationRules(book: RuleBook, order: OrderContext, pricing: PricingOutcomeContext, at: Date = new Date()): NotificationOutcome {
  const run = runModule(book, 'NOTIFICATION', order, at, pricing);
  const kinds = (target: string | null) => [...new Set(run.hits.filter((hit) => (hit.target ?? null) === target).map((hit) => String(hit.value)))];
  const suppressed = kinds('SUPPRESS');
  const kept = (list: string[]) => list.filter((kind) => !suppressed.includes(kind));
  return { notices: kept(kinds(null)), suppressed, urgent: kept(kinds('URGENT')), handledWith: run.handledWith };
}

/** Every module's outcome for one order, in pipeline order; what a dry-run compares. */
export interface OrderRulesOutcome {
  validation: ValidationOutcome;
  pricing: PricingOutcome;
  gift: GiftOutcome;
  hold: HoldOutcome;
  inventoryLock: InventoryLockOutcome;
  allocation: AllocationWeightsOutcome;
  invoice: InvoiceOutcome;
  notification: NotificationOutcome;
}

export function evaluateOrderRules(book: RuleBook, order: OrderContext, at: Date = new Date()): OrderRulesOutcome {
  const validation = evaluateValidationRules(book, order, at);
  const pricing = evaluatePricingRules(book, order, at);
  return {
    validation,
    pricing,
    gift: evaluateGiftRules(book, order, pricing, at),
    hold: evaluateHoldRules(book, order, pricing, at),
    inventoryLock: evaluateInventoryLockRules(book, order, pricing, at),
    allocation: evaluateAllocationWeights(book, order, pricing, at),
    invoice: evaluateInvoiceRules(book, order, pricing, at),
    notification: evaluateNotificationRules(book, order, pricing, at),
  };
}
