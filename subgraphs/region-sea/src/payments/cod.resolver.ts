import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { InputValidationError } from '@hub/shared/errors';
import type { RequestContext } from '@hub/shared/graphql/context';
import { COD_LIMITS } from '../rules/cod-limit.rules.js';
import { determineCurrency, isSeaCountry, MINOR_UNITS_PER_MAJOR } from '../rules/country-currency.rules.js';
import type { CodCollectionService } from './cod-collection.service.js';
import type { CodReconciliationService } from './cod-reconciliation.service.js';
import { SEA_PAYMENT_METHODS } from './sea-payment-method.js';
import { SeaCheckoutOptions, SeaCodCollectionInput, SeaCodCollectionView, SeaCodReconciliationArgs, SeaCodReconciliationRow } from './sea-payment.types.js';

export function createCodResolver(collections: CodCollectionService, reconciliation: CodReconciliationService) {
  @Resolver()
  class SeaCodResolver {
    @Authorized('carrier')
    @Mutation(() => SeaCodCollectionView, {
      description: 'Records the cash a courier took at the door, once per order and for exactly the total due. Repeating the same '
        + 'report returns the first.',
    })
    recordSeaCodCollection(@Arg('input', () => SeaCodCollectionInput) input: SeaCodCollectionInput, @Ctx() { principal }: RequestContext): Promise<SeaCodCollectionView> {
      return collections.record(principal, input);
    }

    @Authorized('operator', 'admin', 'auditor')
    @Query(() => [SeaCodReconciliationRow], { description: 'Cash on delivery per courier and local day: expected for delivered orders against collected, with discrepancies.' })
    seaCodReconciliation(@Args(() => SeaCodReconciliationArgs) { from, to, timeZone }: SeaCodReconciliationArgs, @Ctx() { principal }: RequestContext): Promise<SeaCodReconciliationRow[]> {
      return reconciliation.reconcile(principal, from, to, timeZone);
    }

    @Authorized()
    @Query(() => SeaCheckoutOptions, { description: 'Payment methods and cash-on-delivery limit of a destination country; the same for every caller.' })
    seaCheckoutOptions(@Arg('country', () => String, { description: 'ID, TH, MY, PH, VN or SG.' }) country: string): SeaCheckoutOptions {
      if (!isSeaCountry(country)) throw new InputValidationError('country', 'country must be one of ID, TH, MY, PH, VN, SG');
      const currency = determineCurrency(country)!;
      return { country, currency, minorUnitsPerMajor: MINOR_UNITS_PER_MAJOR[currency], paymentMethods: [...SEA_PAYMENT_METHODS], codLimit: COD_LIMITS[country] };
    }
  }
  return SeaCodResolver;
}
