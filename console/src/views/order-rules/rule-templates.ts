/**
 * Form-based editors for the rules people write most often. Each turns a few typed fields into the CEL a
 * rule carries, so a business user never has to write an expression; the API type-checks the result.
 */
export interface RuleDraft {
  key: string;
  description: string;
  condition: string;
  value?: string;
  code?: string;
  message: string;
  priority: number;
}

export interface PercentDiscountForm {
  /** Items total from which the discount applies, in minor units. */
  thresholdMinor: number;
  /** Whole percent of the items total, 1 to 100. */
  percent: number;
  region: string;
}

const quote = (value: string) => JSON.stringify(value);

export function percentDiscountRule(form: PercentDiscountForm): RuleDraft {
  const conditions = [`order.itemsTotal >= ${Math.max(0, Math.trunc(form.thresholdMinor))}`];
  if (form.region) conditions.push(`order.region == ${quote(form.region)}`);
  const percent = Math.min(100, Math.max(1, Math.trunc(form.percent)));
  return {
    key: `discount-${percent}pct-from-${Math.trunc(form.thresholdMinor)}`,
    description: `${percent}% off the items total from ${Math.trunc(form.thresholdMinor)} (minor units)${form.region ? ` in ${form.region.toUpperCase()}` : ''}`,
    condition: conditions.join('\n&& '),
    // CEL int arithmetic: the discount is rounded down to a whole minor unit.
    value: `order.itemsTotal * ${percent} / 100`,
    message: `${percent}% discount`,
    priority: 0,
  };
}

export interface CrossBorderRefusalForm {
  /** Product category that may not leave its origin country, e.g. ELECTRONICS. */
  category: string;
  hazardousOnly: boolean;
  code: string;
  message: string;
}

export function crossBorderRefusalRule(form: CrossBorderRefusalForm): RuleDraft {
  const line = [`l.category == ${quote(form.category)}`, ...(form.hazardousOnly ? ['l.hazardous'] : [])].join(' && ');
  return {
    key: `no-cross-border-${form.category.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    description: `Refuses cross-border orders with ${form.hazardousOnly ? 'hazardous ' : ''}${form.category} lines`,
    condition: `order.originCountry != order.destinationCountry\n&& order.lines.exists(l, ${line})`,
    code: form.code,
    message: form.message,
    priority: 0,
  };
}
