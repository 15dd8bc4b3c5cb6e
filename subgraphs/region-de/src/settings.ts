import type { DeEnv } from './env.js';
import { formatOnlyVatIdChecker, type VatIdChecker } from './vat/vat-id-checker.js';

/** Everything region-de's use cases are configured with; built once from the environment. */
export interface DeSettings {
  /** Cross-border B2C sales made outside this service, added to region-de's own for the EUR 10,000 threshold. */
  distanceSalesElsewhere: { previousYear: number; currentYear: number };
  optedForDestinationTaxation: boolean;
  iossNumber: string | null;
  vatIdChecker: VatIdChecker;
  /** The time rules are evaluated at; tests move it. */
  clock: () => Date;
}

export type DeSettingsOverrides = Partial<Pick<DeSettings, 'vatIdChecker' | 'clock'>>;

export function deSettingsFrom(
  env: Pick<DeEnv, 'DE_DISTANCE_SALES_PREVIOUS_YEAR_CENTS' | 'DE_DISTANCE_SALES_CURRENT_YEAR_CENTS' | 'DE_OSS_DESTINATION_TAXATION' | 'DE_IOSS_NUMBER'>,
  overrides: DeSettingsOverrides = {},
): DeSettings {
  return {
    distanceSalesElsewhere: { previousYear: env.DE_DISTANCE_SALES_PREVIOUS_YEAR_CENTS, currentYear: env.DE_DISTANCE_SALES_CURRENT_YEAR_CENTS },
    optedForDestinationTaxation: env.DE_OSS_DESTINATION_TAXATION,
    iossNumber: env.DE_IOSS_NUMBER ?? null,
    vatIdChecker: overrides.vatIdChecker ?? formatOnlyVatIdChecker,
    clock: overrides.clock ?? (() => new Date()),
  };
}
