import { orderCarbonOf, type ShipmentCarbonRow } from './carbon-view.js';

const row = (id: string, state: string, total: number | null, version: string | null = 'v1'): ShipmentCarbonRow => ({
  id,
  state,
  co2e_grams: total ?? 0,
  co2e_ttw_grams: total === null ? null : Math.round(total * 0.5),
  co2e_wtw_grams: total === null ? null : Math.round(total * 0.7),
  co2e_operations_grams: total === null ? null : Math.round(total * 0.2),
  co2e_packaging_grams: total === null ? null : Math.round(total * 0.1),
  carbon_factor_version: version,
});
const DE = { locale: 'de-DE', template: 'ca. {value} kg CO₂e', unit: 'kg' as const, maximumFractionDigits: 1 };

describe('orderCarbonOf', () => {
  it.each<[string, ShipmentCarbonRow[], number | null, string[], string | null]>([
    ['one shipment', [row('a', 'ALLOCATED', 1_230)], 1_230, ['a'], 'ca. 1,2 kg CO₂e'],
    ['live shipments add up', [row('a', 'PICKED', 1_000), row('b', 'OUTBOUND', 2_000)], 3_000, ['a', 'b'], 'ca. 3 kg CO₂e'],
    [
      'cancelled and moved shipments do not count',
      [row('a', 'REALLOCATED', 5_000), row('b', 'ALLOCATED', 800), row('c', 'CANCELLED', 900)],
      800,
      ['b'],
      'ca. 0,8 kg CO₂e',
    ],
    ['shipments planned before carbon accounting are left out', [row('a', 'ALLOCATED', null, null)], null, [], null],
    ['nothing allocated yet', [], null, [], null],
  ])('%s', (_name, rows, total, shipments, label) => {
    const carbon = orderCarbonOf(rows, DE);
    expect(carbon?.totalGrams ?? null).toBe(total);
    expect(carbon?.shipments.map((s) => s.shipmentId) ?? []).toEqual(shipments);
    expect(carbon?.label ?? null).toBe(label);
  });

  it('falls back to the default wording for a region without a format', () => {
    expect(orderCarbonOf([row('a', 'ALLOCATED', 1_234)], null)!.label).toBe('1.2 kg CO2e');
  });
});
