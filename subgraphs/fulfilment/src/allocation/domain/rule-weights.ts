import type { AllocationWeights } from './allocation.types.js';
import { validateWeights, WEIGHT_BOUNDS } from './objective.js';

const CRITERIA = ['cost', 'time', 'carbon', 'splitPenalty'] as const;

export interface RuledWeights {
  weights: AllocationWeights;
  /** The criteria a rule set, with the value used. */
  applied: Partial<AllocationWeights>;
  /** Criteria a rule named that allocation does not know, or a value out of range: the channel's weight stays. */
  ignored: string[];
}

/**
 * The channel's weights with what allocation-weight rules decided for the order on top (issue 13: weights per channel
 * become versioned rules). A rule naming an unknown criterion or an out-of-range value is ignored rather than trusted,
 * and rules that would leave nothing to optimise fall back to the channel's weights as a whole.
 */
export function weightsWithRules(base: AllocationWeights, ruled: Readonly<Record<string, number>>): RuledWeights {
  const applied: Partial<AllocationWeights> = {};
  const ignored: string[] = [];
  for (const [criterion, value] of Object.entries(ruled)) {
    const known = (CRITERIA as readonly string[]).includes(criterion);
    if (known && Number.isFinite(value) && value >= WEIGHT_BOUNDS.min && value <= WEIGHT_BOUNDS.max) applied[criterion as keyof AllocationWeights] = value;
    else ignored.push(criterion);
  }
  const weights = { ...base, ...applied };
  if (validateWeights(weights).length > 0) return { weights: base, applied: {}, ignored: Object.keys(ruled) };
  return { weights, applied, ignored };
}

/** One key per distinct set of weights, so orders planned with the same weights share a batch. */
export const weightsKey = (weights: AllocationWeights): string => CRITERIA.map((criterion) => weights[criterion]).join('|');
