/**
 * Emission factors for ISO 14083 / GLEC Framework estimates, as a versioned, dated table. Every figure names
 * its source and how far it was checked here: `SECONDARY` = read in a secondary source that quotes GLEC, not in
 * the GLEC text itself; `UNVERIFIED` = an assumption of the right order of magnitude that nobody checked
 * against a publication yet. Replace a figure by publishing a new version (never edit a published one): each
 * shipment records the version it was computed with.
 */

export const TRANSPORT_MODES = ['ROAD_LCV', 'ROAD_RIGID', 'ROAD_ARTIC', 'AIR_SHORT_HAUL', 'AIR_LONG_HAUL'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

export const HUB_KINDS = ['WAREHOUSE', 'PARCEL_HUB'] as const;
export type HubKind = (typeof HUB_KINDS)[number];

export type FactorStatus = 'SECONDARY' | 'UNVERIFIED';

export interface Sourced {
  source: string;
  status: FactorStatus;
}

export interface ModeFactor {
  /** Well-to-wheel intensity: fuel production plus combustion, grams CO2e per tonne-km. */
  wtwGramsPerTonneKm: number;
  /** Tank-to-wheel intensity: combustion only, grams CO2e per tonne-km. */
  ttwGramsPerTonneKm: number;
  /** GLEC distance adjustment when only the great-circle distance is known: km × multiplier + addKm. */
  distance: { multiplier: number; addKm: number };
  intensitySource: Sourced;
  distanceSource: Sourced;
}

export interface CarbonFactorTable {
  version: string;
  /** When this version was published (ISO date); shipments planned after it use it. */
  publishedOn: string;
  method: string;
  modes: Record<TransportMode, ModeFactor>;
  /** Logistics sites (ISO 14083 "hub operations"): grams CO2e per tonne handled. */
  hubs: Record<HubKind, { gramsPerTonne: number } & Sourced>;
  /** Packaging material, cradle to gate: grams CO2e per gram of material. */
  packaging: { corrugatedGramsPerGram: number } & Sourced;
  /**
   * The low-carbon (consolidated) delivery option: how much fuller the last-mile van leaves when dispatch waits
   * for the customer's other orders or a full round (load factor consolidated ÷ default). Absent before version 2.
   */
  consolidation?: { vanLoadFactorGain: number } & Sourced;
}

const GLEC_AIR =
  'GLEC Framework v3.2 §8.1 default (air belly freight), as transcribed by ecofreight.co/data/glec-factors.json (CC BY 4.0); not checked against the GLEC text';
const DIESEL_WTW = 'WTW = TTW × 1.21 (diesel well-to-tank uplift; ratio assumed, not checked)';

/** Version 1: GLEC Framework v3-based defaults; the placeholders are marked UNVERIFIED and listed in the README. */
export const CARBON_FACTORS_V1: CarbonFactorTable = {
  version: 'glec-v3-hub-2026-12-02',
  publishedOn: '2026-12-02',
  method: 'ISO 14083:2023 / GLEC Framework v3: Σ legs (adjusted distance × tonnes × mode intensity, WTW and TTW) + hub operations + packaging',
  modes: {
    ROAD_LCV: {
      wtwGramsPerTonneKm: 1_000,
      ttwGramsPerTonneKm: 826,
      distance: { multiplier: 1.05, addKm: 0 },
      intensitySource: {
        source: 'Order of magnitude of GLEC default for diesel vans ≤ 3.5 t at parcel load factors; TTW from the diesel ratio; not checked',
        status: 'UNVERIFIED',
      },
      distanceSource: {
        source:
          'GLEC road distance adjustment +5 % over planned/great-circle distance (GLEC road factors note a 5 % planned-vs-actual adjustment, via Climatiq GLEC 2019 "TL/Dry Van"); not checked in GLEC v3',
        status: 'UNVERIFIED',
      },
    },
    ROAD_RIGID: {
      wtwGramsPerTonneKm: 240,
      ttwGramsPerTonneKm: 198,
      distance: { multiplier: 1.05, addKm: 0 },
      intensitySource: { source: 'Order of magnitude of GLEC default for diesel rigid trucks 7.5–12 t; not checked', status: 'UNVERIFIED' },
      distanceSource: { source: 'as ROAD_LCV', status: 'UNVERIFIED' },
    },
    ROAD_ARTIC: {
      wtwGramsPerTonneKm: 88,
      ttwGramsPerTonneKm: 73,
      distance: { multiplier: 1.05, addKm: 0 },
      intensitySource: { source: `TTW 0.073 kg CO2e/t·km: GLEC 2019 "Road freight – TL/Dry Van" via climatiq.io; ${DIESEL_WTW}`, status: 'SECONDARY' },
      distanceSource: { source: 'as ROAD_LCV', status: 'UNVERIFIED' },
    },
    AIR_SHORT_HAUL: {
      wtwGramsPerTonneKm: 830,
      ttwGramsPerTonneKm: 675,
      distance: { multiplier: 1, addKm: 95 },
      intensitySource: { source: `${GLEC_AIR}; belly < 1,500 km`, status: 'SECONDARY' },
      distanceSource: { source: 'Great-circle distance + 95 km (EN 16258 / GLEC air convention); not checked in GLEC v3', status: 'UNVERIFIED' },
    },
    AIR_LONG_HAUL: {
      wtwGramsPerTonneKm: 608,
      ttwGramsPerTonneKm: 495,
      distance: { multiplier: 1, addKm: 95 },
      intensitySource: { source: `${GLEC_AIR}; belly > 4,000 km`, status: 'SECONDARY' },
      distanceSource: { source: 'as AIR_SHORT_HAUL', status: 'UNVERIFIED' },
    },
  },
  hubs: {
    WAREHOUSE: {
      gramsPerTonne: 3_000,
      source: 'Placeholder for a GLEC v3 ambient warehouse default (kg CO2e per tonne handled); not checked',
      status: 'UNVERIFIED',
    },
    PARCEL_HUB: { gramsPerTonne: 1_200, source: 'Placeholder for a GLEC v3 ambient transhipment/sorting default; not checked', status: 'UNVERIFIED' },
  },
  packaging: {
    corrugatedGramsPerGram: 0.6,
    source: "Corrugated board cradle-to-gate ≈ 0.6 kg CO2e/kg, order of magnitude of FEFCO's European LCA database; not checked",
    status: 'UNVERIFIED',
  },
};

/**
 * Version 2 adds the consolidation figure the low-carbon delivery option needs; every other figure is version 1's
 * (they were re-checked for this version, see the README's factor section: none could be confirmed against the GLEC
 * text itself, so their statuses stand).
 */
export const CARBON_FACTORS_V2: CarbonFactorTable = {
  ...CARBON_FACTORS_V1,
  version: 'glec-v3-hub-2026-12-03',
  publishedOn: '2026-12-03',
  consolidation: {
    vanLoadFactorGain: 1.5,
    source:
      'Assumption: parcel vans run at ≈40 % load by mass (the UK Defra/BEIS freight factors assume a 40 % average van load) and a held, merged round at ≈60 %; GLEC intensities per tonne-km scale roughly inversely with load factor. Not checked against a GLEC figure',
    status: 'UNVERIFIED',
  },
};

/** Every published version, newest last; a shipment's recorded version finds its table here. */
export const CARBON_FACTOR_TABLES: readonly CarbonFactorTable[] = [CARBON_FACTORS_V1, CARBON_FACTORS_V2];
export const CURRENT_CARBON_FACTORS = CARBON_FACTOR_TABLES[CARBON_FACTOR_TABLES.length - 1]!;

export function carbonFactorsOf(version: string): CarbonFactorTable | undefined {
  return CARBON_FACTOR_TABLES.find((table) => table.version === version);
}
