/**
 * The order-handling modules a rule set configures, in the order the placement pipeline runs them
 * (validate → price and promote → bind gifts → presale deposit → points → hold for review → lock inventory → allocate →
 * invoice → notify).
 */
export const RULE_MODULES = [
  'VALIDATION',
  'PRICING',
  'GIFT',
  'PRESALE',
  'POINTS',
  'HOLD',
  'INVENTORY_LOCK',
  'ALLOCATION_WEIGHTS',
  'INVOICE',
  'NOTIFICATION',
] as const;
export type RuleModule = (typeof RULE_MODULES)[number];

/** What fulfilment does with an order it cannot serve in full: keep what it could reserve, or take nothing and refuse. */
export const SHORTAGE_POLICIES = ['BACKORDER', 'REFUSE'] as const;
export type ShortagePolicy = (typeof SHORTAGE_POLICIES)[number];

/** What a notification rule does with the notice kind it names; no target: send it. */
export const NOTICE_RULE_TARGETS = ['SUPPRESS', 'URGENT'] as const;

export interface RuleModuleTraits {
  /** The CEL type a rule's `value` must have; null when a rule is only a condition (validation refuses when it holds). */
  valueType: 'int' | 'double' | 'string' | null;
  /** Refusing orders or changing what customers pay needs two approvals; the rest one (four-eyes in both cases). */
  requiredApprovals: 1 | 2;
  /** Whether the rule may read the pricing outcome: only modules that run after pricing. */
  readsPricing: boolean;
  description: string;
}

export const RULE_MODULE_TRAITS: Record<RuleModule, RuleModuleTraits> = {
  VALIDATION: {
    valueType: null,
    requiredApprovals: 2,
    readsPricing: false,
    description: "Refuses an order whose condition holds, with the rule's code and message.",
  },
  PRICING: {
    valueType: 'int',
    requiredApprovals: 2,
    readsPricing: false,
    description: 'A discount in minor units for an order whose condition holds; discounts stack in priority order, capped at the items total.',
  },
  GIFT: {
    valueType: 'string',
    requiredApprovals: 2,
    readsPricing: true,
    description:
      "Binds a gift to a qualifying order: the value is the gift's SKU, added as a zero-price line with the catalogue price as its declared value; at most five gifts, one per SKU.",
  },
  PRESALE: {
    valueType: 'int',
    requiredApprovals: 2,
    readsPricing: true,
    description:
      'A presale with deposit expansion: each rule names a term (`target`) DEPOSIT, COUNTS_AS (what the deposit counts for against the final payment), FINAL_OPENS_AT and FINAL_CLOSES_AT (epoch seconds) or REMIND_BEFORE_MINUTES (one reminder each); the first matching rule per term wins, reminders add up.',
  },
  POINTS: {
    valueType: 'int',
    requiredApprovals: 2,
    readsPricing: true,
    description:
      'Loyalty points: each rule names a term (`target`) EARN_PER_100 (points per 100 minor units paid in cash), POINT_VALUE (minor units one point pays) or SPEND_CAP_BP (the most of the payable points may pay, in basis points); the first matching rule per term wins.',
  },
  HOLD: {
    valueType: 'int',
    requiredApprovals: 1,
    readsPricing: true,
    description: 'Puts a matching order on hold for review; the value is how many approval levels release it (1 to 3), the highest matching wins.',
  },
  INVENTORY_LOCK: {
    valueType: 'int',
    requiredApprovals: 1,
    readsPricing: true,
    description:
      'How many minutes stock stays reserved for an unpaid order (the longest matching hold wins); `target` may name the shortage policy (BACKORDER or REFUSE), the first matching rule naming one wins.',
  },
  ALLOCATION_WEIGHTS: {
    valueType: 'double',
    requiredApprovals: 1,
    readsPricing: true,
    description: 'The weight of the allocation criterion the rule names (`target`); the first matching rule per criterion wins.',
  },
  INVOICE: {
    valueType: 'string',
    requiredApprovals: 1,
    readsPricing: true,
    description: 'The invoice template an order is invoiced with; the first matching rule wins.',
  },
  NOTIFICATION: {
    valueType: 'string',
    requiredApprovals: 1,
    readsPricing: true,
    description:
      'A notice kind for the order (JOURNEY_STEP, DELAY_WARNING, BATCH_PROGRESS); every matching rule adds one. `target` SUPPRESS keeps that kind from the customer, URGENT sends it even in quiet hours; a suppression wins.',
  },
};

/** The terms a presale or points rule may set (`target`); anything else is refused when published. */
export const PRESALE_TERMS = ['DEPOSIT', 'COUNTS_AS', 'FINAL_OPENS_AT', 'FINAL_CLOSES_AT', 'REMIND_BEFORE_MINUTES'] as const;
export type PresaleTerm = (typeof PRESALE_TERMS)[number];
export const POINTS_TERMS = ['EARN_PER_100', 'POINT_VALUE', 'SPEND_CAP_BP'] as const;
export type PointsTerm = (typeof POINTS_TERMS)[number];
export const RULE_MODULE_TARGETS: Partial<Record<RuleModule, readonly string[]>> = { PRESALE: PRESALE_TERMS, POINTS: POINTS_TERMS };
