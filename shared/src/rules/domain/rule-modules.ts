/**
 * The order-handling modules a rule set configures, in the order the placement pipeline runs them
 * (validate → price and promote → bind gifts → hold for review → lock inventory → allocate → invoice → notify).
 */
export const RULE_MODULES = ['VALIDATION', 'PRICING', 'GIFT', 'HOLD', 'INVENTORY_LOCK', 'ALLOCATION_WEIGHTS', 'INVOICE', 'NOTIFICATION'] as const;
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
