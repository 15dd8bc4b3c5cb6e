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
  /** The term a presale or points rule sets (DEPOSIT, EARN_PER_100, …). */
  target?: string;
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

/** A rule with a term (`target`): presale and points rule sets name the term each rule sets. */
export interface TermRuleDraft extends RuleDraft {
  target: string;
  value: string;
}

export interface PresaleForm {
  /** SKU on presale: the rules apply to orders with a line of it. */
  sku: string;
  /** Deposit paid at placement, minor units. */
  depositMinor: number;
  /** What the deposit counts for against the final payment (deposit expansion), minor units; at least the deposit. */
  countsAsMinor: number;
  /** The final-payment window, ISO instants. */
  finalOpensAt: string;
  finalClosesAt: string;
  /** Reminders before the window closes, in minutes. */
  remindBeforeMinutes: number[];
}

const epochSeconds = (iso: string) => Math.trunc(new Date(iso).getTime() / 1000);

/** A presale with deposit expansion: one rule per term, all under the same condition (an order with the SKU). */
export function presaleRules(form: PresaleForm): TermRuleDraft[] {
  const sku = form.sku.trim();
  const slug = sku.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const condition = `order.lines.exists(l, l.sku == ${quote(sku)})`;
  const deposit = Math.max(0, Math.trunc(form.depositMinor));
  const countsAs = Math.max(deposit, Math.trunc(form.countsAsMinor));
  const term = (target: string, value: string, description: string): TermRuleDraft => ({
    key: `presale-${slug}-${target.toLowerCase().replaceAll('_', '-')}`,
    description,
    condition,
    target,
    value,
    message: `Presale of ${sku}`,
    priority: 0,
  });
  return [
    term('DEPOSIT', String(deposit), `Deposit ${deposit} (minor units) for ${sku}`),
    term('COUNTS_AS', String(countsAs), `The deposit counts as ${countsAs} against the final payment`),
    term('FINAL_OPENS_AT', String(epochSeconds(form.finalOpensAt)), `Final payment opens ${form.finalOpensAt}`),
    term('FINAL_CLOSES_AT', String(epochSeconds(form.finalClosesAt)), `Final payment closes ${form.finalClosesAt}`),
    ...[...new Set(form.remindBeforeMinutes.map((minutes) => Math.trunc(minutes)).filter((minutes) => minutes > 0))]
      .sort((a, b) => b - a)
      .map((minutes) => ({
        ...term('REMIND_BEFORE_MINUTES', String(minutes), `Remind ${minutes} minutes before the final payment closes`),
        key: `presale-${slug}-remind-${minutes}`,
      })),
  ];
}

export interface PointsForm {
  /** Points earned per 100 minor units paid in cash. */
  earnPer100: number;
  /** Minor units one point pays. */
  pointValueMinor: number;
  /** The most of the payable total points may pay, in percent (stored as basis points). */
  spendCapPercent: number;
  region: string;
}

/** Loyalty points: earn rate, point value and spending cap, one rule per term. */
export function pointsRules(form: PointsForm): TermRuleDraft[] {
  const condition = form.region ? `order.region == ${quote(form.region)}` : 'true';
  const where = form.region ? `-${form.region}` : '';
  const basisPoints = Math.round(Math.min(100, Math.max(0, form.spendCapPercent)) * 100);
  const term = (target: string, value: number, description: string): TermRuleDraft => ({
    key: `points${where}-${target.toLowerCase().replaceAll('_', '-')}`,
    description,
    condition,
    target,
    value: String(Math.max(0, Math.trunc(value))),
    message: 'Loyalty points',
    priority: 0,
  });
  return [
    term('EARN_PER_100', form.earnPer100, `${Math.trunc(form.earnPer100)} points per 100 minor units paid in cash`),
    term('POINT_VALUE', form.pointValueMinor, `One point pays ${Math.trunc(form.pointValueMinor)} minor units`),
    term('SPEND_CAP_BP', basisPoints, `Points pay at most ${basisPoints / 100}% of the payable total`),
  ];
}

export interface GiftForm {
  /** The SKU given free; the catalogue must sell it, or the quote leaves the gift out and says so. */
  giftSku: string;
  /** Items total from which the gift applies, in minor units. */
  thresholdMinor: number;
  /** Only with orders that have a line of this SKU (empty: any order). */
  withSku: string;
  region: string;
  /** What the customer reads beside the gift line. */
  label: string;
}

/** A gift with purchase: the rule's value is the gift's SKU, which the region adds as a zero-price line. */
export function giftRule(form: GiftForm): RuleDraft {
  const gift = form.giftSku.trim();
  const withSku = form.withSku.trim();
  const threshold = Math.max(0, Math.trunc(form.thresholdMinor));
  const conditions = [`order.itemsTotal >= ${threshold}`];
  if (withSku) conditions.push(`order.lines.exists(l, l.sku == ${quote(withSku)})`);
  if (form.region) conditions.push(`order.region == ${quote(form.region)}`);
  const slug = (sku: string) => sku.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    key: `gift-${slug(gift)}${withSku ? `-with-${slug(withSku)}` : ''}-from-${threshold}`,
    description: `${gift} free from ${threshold} (minor units)${withSku ? ` with ${withSku}` : ''}${form.region ? ` in ${form.region.toUpperCase()}` : ''}`,
    condition: conditions.join('\n&& '),
    value: quote(gift),
    message: form.label.trim() || `Free ${gift}`,
    priority: 0,
  };
}
