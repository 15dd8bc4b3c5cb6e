import type { EntityManager } from '@mikro-orm/postgresql';
import type { EuSellerFacts } from '@hub/shared/catalogue/quote/region-pricing';
import { yearOf, type IsoDate } from '../rules/calendar.rules.js';
import type { DeSettings } from '../settings.js';
import { distanceSalesNetOf } from './distance-sales.repository.js';

/**
 * The DE shop's position for the EU VAT regimes on `orderDate`: its cross-border B2C sales of that year and the one
 * before (its own orders plus those made elsewhere, for the EUR 10,000 threshold), its opt-in and IOSS registration.
 * One function for the order's placement and the checkout's quote, so both decide the same regime.
 */
export async function deSellerFacts(em: EntityManager, settings: DeSettings, dispatchCountry: string, orderDate: IsoDate): Promise<EuSellerFacts> {
  const year = yearOf(orderDate);
  const elsewhere = settings.distanceSalesElsewhere;
  return {
    dispatchCountry,
    crossBorderB2cNet: {
      previousYear: elsewhere.previousYear + (await distanceSalesNetOf(em, year - 1)),
      currentYear: elsewhere.currentYear + (await distanceSalesNetOf(em, year)),
    },
    optedForDestinationTaxation: settings.optedForDestinationTaxation,
    iossRegistered: settings.iossNumber !== null,
  };
}
