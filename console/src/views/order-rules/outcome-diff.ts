/** A rule outcome as the dry-run gives it, loosely typed: the diff walks whatever fields were selected. */
export type Outcome = Record<string, unknown>;

export interface OutcomeFieldChange {
  /** Dotted path, e.g. `payment.finalDue`. */
  field: string;
  before: string;
  after: string;
}

const show = (value: unknown): string => {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.map(show).join(', ') : '—';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== '__typename')
      .map(([key, item]) => `${key} ${show(item)}`)
      .join(', ');
  }
  return String(value);
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The fields whose value differs between an order's outcome before and after a draft, nested objects (the payment
 * plan) compared field by field, lists (gifts, notices, weights) as a whole: what a reviewer reads to see what the
 * draft does to one order.
 */
export function outcomeDiff(before: Outcome, after: Outcome, prefix = ''): OutcomeFieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => key !== '__typename');
  return keys.flatMap((key) => {
    const [b, a] = [before[key], after[key]];
    const field = `${prefix}${key}`;
    if (isRecord(b) && isRecord(a)) return outcomeDiff(b, a, `${field}.`);
    if (isRecord(b) || isRecord(a)) return show(b) === show(a) ? [] : [{ field, before: show(b), after: show(a) }];
    return show(b) === show(a) ? [] : [{ field, before: show(b), after: show(a) }];
  });
}
