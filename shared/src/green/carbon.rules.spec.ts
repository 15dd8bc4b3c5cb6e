import { CARBON_FACTORS_V1, TRANSPORT_MODES, type CarbonFactorTable } from './carbon-factors.table.js';
import { CarbonFactorMissingError, routeGramsPerTonne, shipmentCarbon, transportChainOf, type DeliveryMode } from './carbon.rules.js';

describe('transportChainOf', () => {
  it.each<[DeliveryMode, number, string[], string[]]>([
    ['LOCAL_COURIER', 10, ['ROAD_LCV:10'], ['WAREHOUSE']],
    ['SAME_DAY_COURIER', 55, ['ROAD_LCV:55'], ['WAREHOUSE']],
    ['STANDARD_PARCEL', 30, ['ROAD_LCV:30'], ['WAREHOUSE']],
    ['STANDARD_PARCEL', 300, ['ROAD_ARTIC:275', 'ROAD_LCV:25'], ['WAREHOUSE', 'PARCEL_HUB']],
    ['EXPRESS_PARCEL', 900, ['ROAD_ARTIC:875', 'ROAD_LCV:25'], ['WAREHOUSE', 'PARCEL_HUB']],
    ['EXPRESS_PARCEL', 1_200, ['AIR_SHORT_HAUL:1175', 'ROAD_LCV:25'], ['WAREHOUSE', 'PARCEL_HUB']],
    ['EXPRESS_PARCEL', 9_000, ['AIR_LONG_HAUL:8975', 'ROAD_LCV:25'], ['WAREHOUSE', 'PARCEL_HUB']],
    ['STANDARD_PARCEL', 9_000, ['ROAD_ARTIC:8975', 'ROAD_LCV:25'], ['WAREHOUSE', 'PARCEL_HUB']],
    ['FREIGHT', 100, ['ROAD_RIGID:100'], ['WAREHOUSE']],
  ])('%s over %d km', (mode, km, legs, hubs) => {
    const chain = transportChainOf(mode, km);
    expect(chain.legs.map((leg) => `${leg.mode}:${leg.greatCircleKm}`)).toEqual(legs);
    expect(chain.hubs).toEqual(hubs);
  });
});

describe('shipmentCarbon (GLEC: adjusted distance × tonnes × intensity, + hubs + packaging)', () => {
  it.each<[string, DeliveryMode, number, number, number, { ttw: number; wtw: number; ops: number; pack: number }]>([
    ['local courier, 10 km, 500 g', 'LOCAL_COURIER', 10, 500, 0, { ttw: 4.3365, wtw: 5.25, ops: 1.5, pack: 0 }],
    ['standard parcel, 300 km, 1 kg', 'STANDARD_PARCEL', 300, 1_000, 0, { ttw: 42.76125, wtw: 51.66, ops: 4.2, pack: 0 }],
    [
      'express flies, 1,200 km (+95 km air uplift), 2 kg, 100 g of box',
      'EXPRESS_PARCEL',
      1_200,
      2_000,
      100,
      { ttw: 1_757.865, wtw: 2_160.7, ops: 8.4, pack: 60 },
    ],
    ['freight, 100 km, 40 kg', 'FREIGHT', 100, 40_000, 0, { ttw: 831.6, wtw: 1_008, ops: 120, pack: 0 }],
    ['nothing moved', 'STANDARD_PARCEL', 0, 1_000, 0, { ttw: 0, wtw: 0, ops: 3, pack: 0 }],
  ])('%s', (_name, deliveryMode, greatCircleKm, grossGrams, packagingMaterialGrams, expected) => {
    const carbon = shipmentCarbon(CARBON_FACTORS_V1, { deliveryMode, greatCircleKm, grossGrams, packagingMaterialGrams });
    expect(carbon.ttwGrams).toBeCloseTo(expected.ttw, 3);
    expect(carbon.wtwGrams).toBeCloseTo(expected.wtw, 3);
    expect(carbon.operationsGrams).toBeCloseTo(expected.ops, 6);
    expect(carbon.packagingGrams).toBeCloseTo(expected.pack, 6);
    expect(carbon.totalGrams).toBeCloseTo(expected.wtw + expected.ops + expected.pack, 3);
    expect(carbon.factorVersion).toBe(CARBON_FACTORS_V1.version);
    expect(carbon.wtwGrams).toBeGreaterThanOrEqual(carbon.ttwGrams);
  });

  it('refuses with a typed error when the table lacks a mode instead of guessing', () => {
    const { ROAD_ARTIC: _dropped, ...modes } = CARBON_FACTORS_V1.modes;
    const partial = { ...CARBON_FACTORS_V1, version: 'partial', modes } as unknown as CarbonFactorTable;
    expect(() => shipmentCarbon(partial, { deliveryMode: 'STANDARD_PARCEL', greatCircleKm: 300, grossGrams: 1_000, packagingMaterialGrams: 0 })).toThrow(
      CarbonFactorMissingError,
    );
    expect(
      shipmentCarbon(partial, { deliveryMode: 'LOCAL_COURIER', greatCircleKm: 3, grossGrams: 1_000, packagingMaterialGrams: 0 }).totalGrams,
    ).toBeGreaterThan(0);
  });
});

describe('the published table', () => {
  it.each(TRANSPORT_MODES.map((mode) => [mode]))('%s has sourced WTW ≥ TTW figures and a distance rule', (mode) => {
    const factor = CARBON_FACTORS_V1.modes[mode];
    expect(factor.wtwGramsPerTonneKm).toBeGreaterThanOrEqual(factor.ttwGramsPerTonneKm);
    expect(factor.ttwGramsPerTonneKm).toBeGreaterThan(0);
    expect(factor.intensitySource.source.length).toBeGreaterThan(10);
    expect(['SECONDARY', 'UNVERIFIED']).toContain(factor.intensitySource.status);
    expect(factor.distance.multiplier).toBeGreaterThanOrEqual(1);
  });

  it('route intensity grows with distance and a van all the way costs more than line-haul plus last mile', () => {
    expect(routeGramsPerTonne(CARBON_FACTORS_V1, 'STANDARD_PARCEL', 600)).toBeGreaterThan(routeGramsPerTonne(CARBON_FACTORS_V1, 'STANDARD_PARCEL', 300));
    expect(routeGramsPerTonne(CARBON_FACTORS_V1, 'SAME_DAY_COURIER', 100)).toBeCloseTo(108_000, 6);
    expect(routeGramsPerTonne(CARBON_FACTORS_V1, 'STANDARD_PARCEL', 100)).toBeCloseTo(37_380, 6);
  });
});
