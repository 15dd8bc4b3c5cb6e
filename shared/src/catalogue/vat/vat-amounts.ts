/**
 * VAT on one unit, rounded half up to the minor unit (commercial rounding, UStAE 14.5 Abs. 19). Per unit, so that
 * quantity × unit VAT is what the order stores and every total is an exact integer.
 */
export const unitVat = (unitPrice: number, rateBp: number): number => Math.floor((unitPrice * rateBp + 5_000) / 10_000);

/**
 * Splits `amount` over `weights` in proportion, with the remainder given to the largest fractional parts (Hamilton),
 * so the parts add up exactly; ties go to the earlier weight. All weights zero: an even split.
 */
export function apportion(amount: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const effective = total > 0 ? weights : weights.map(() => 1);
  const sum = total > 0 ? total : weights.length;
  const exact = effective.map((weight) => (amount * weight) / sum);
  const parts = exact.map(Math.floor);
  let remainder = amount - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((value, index) => ({ index, fraction: value - Math.floor(value) })).sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of order) {
    if (remainder <= 0) break;
    parts[index]! += 1;
    remainder -= 1;
  }
  return parts;
}

export interface ShippingVatPart {
  rateBp: number;
  net: number;
  vat: number;
}

/**
 * VAT on shipping charged with the goods: delivery is ancillary to the supply of the goods and follows its treatment
 * (art. 78(b) VAT Directive; CJEU C-349/96 CPP). Goods at one rate: shipping at that rate. Goods at several rates:
 * shipping split by the net value of the goods at each rate (the method the German BMF letter of 2014-04-16 and
 * most member states accept), each part at its own rate.
 */
export function shippingVat(shippingNet: number, goods: ReadonlyArray<{ rateBp: number; net: number }>): ShippingVatPart[] {
  if (shippingNet === 0 || goods.length === 0) return [];
  const byRate = new Map<number, number>();
  for (const line of goods) byRate.set(line.rateBp, (byRate.get(line.rateBp) ?? 0) + line.net);
  const rates = [...byRate.keys()].sort((a, b) => b - a);
  const shares = apportion(
    shippingNet,
    rates.map((rate) => byRate.get(rate)!),
  );
  return rates.map((rateBp, index) => ({ rateBp, net: shares[index]!, vat: unitVat(shares[index]!, rateBp) }));
}
