import { Arg, Args, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { compareKeys, ConnectionArgs, connectionFromSorted, connectionType } from '@hub/shared/graphql/connection';
import { MutationPayload, replacedByPayloadMutation, withUserErrors } from '@hub/shared/graphql/user-error';
import { InputValidationError } from '@hub/shared/errors';
import type { RequestContext } from '@hub/shared/graphql/context';
import { COD_LIMITS } from '../rules/cod-limit.rules.js';
import { determineCurrency, isSeaCountry, MINOR_UNITS_PER_MAJOR } from '../rules/country-currency.rules.js';
import type { CodCollectionService } from './cod-collection.service.js';
import type { CodReconciliationService } from './cod-reconciliation.service.js';
import { SEA_PAYMENT_METHODS } from './sea-payment-method.js';
import { SeaCheckoutOptions, SeaCodCollectionInput, SeaCodCollectionView, SeaCodReconciliationArgs, SeaCodReconciliationRow } from './sea-payment.types.js';

const COLLECTION = { description: 'The order and the cash taken.' } as const;
const rowKey = (row: SeaCodReconciliationRow) => [row.day, row.courierId, row.currency];
const SeaCodReconciliationConnection = connectionType(
  SeaCodReconciliationRow,
  'SeaCodReconciliationRow',
  'A page of reconciliation rows, by day, courier and currency.',
);

@ObjectType('SeaCodCollectionRecordPayload', { description: 'What recording cash taken at the door answers.' })
class SeaCodCollectionRecordPayload extends MutationPayload {
  @Field(() => SeaCodCollectionView, { nullable: true, description: 'The collection recorded; null when refused.' }) collection?: SeaCodCollectionView;
}

export function createCodResolver(collections: CodCollectionService, reconciliation: CodReconciliationService) {
  @Resolver()
  class SeaCodResolver {
    @Authorized('carrier')
    @Mutation(() => SeaCodCollectionView, {
      description:
        'Records the cash a courier took at the door, once per order and for exactly the total due. Repeating the same ' + 'report returns the first.',
      deprecationReason: replacedByPayloadMutation('seaCodCollectionRecord'),
    })
    recordSeaCodCollection(
      @Arg('input', () => SeaCodCollectionInput, COLLECTION) input: SeaCodCollectionInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<SeaCodCollectionView> {
      return collections.record(principal, input);
    }

    @Authorized('carrier')
    @Mutation(() => SeaCodCollectionRecordPayload, {
      description:
        'Records the cash a courier took at the door, once per order and for exactly the total due; a wrong amount or a ' +
        'second collection is in `userErrors`. Repeating the same report returns the first.',
    })
    seaCodCollectionRecord(@Arg('input', () => SeaCodCollectionInput, COLLECTION) input: SeaCodCollectionInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ collection: await this.recordSeaCodCollection(input, context) }));
    }

    @Authorized('operator', 'admin', 'auditor')
    @Query(() => [SeaCodReconciliationRow], {
      description: 'Cash on delivery per courier and local day: expected for delivered orders against collected, with discrepancies.',
      deprecationReason: 'Use `seaCodReconciliationConnection`, which pages with a cursor.',
    })
    seaCodReconciliation(
      @Args(() => SeaCodReconciliationArgs) { from, to, timeZone }: SeaCodReconciliationArgs,
      @Ctx() { principal }: RequestContext,
    ): Promise<SeaCodReconciliationRow[]> {
      return reconciliation.reconcile(principal, from, to, timeZone);
    }

    @Authorized('operator', 'admin', 'auditor')
    @Query(() => SeaCodReconciliationConnection, {
      description:
        'Cash on delivery per courier and local day, by day, courier and currency: expected for delivered orders against collected, with discrepancies.',
    })
    async seaCodReconciliationConnection(
      @Args(() => SeaCodReconciliationArgs) { from, to, timeZone }: SeaCodReconciliationArgs,
      @Args(() => ConnectionArgs) page: ConnectionArgs,
      @Ctx() { principal }: RequestContext,
    ) {
      const rows = await reconciliation.reconcile(principal, from, to, timeZone);
      return connectionFromSorted(
        [...rows].sort((a, b) => compareKeys(rowKey(a), rowKey(b))),
        page,
        rowKey,
      );
    }

    @Authorized()
    @Query(() => SeaCheckoutOptions, { description: 'Payment methods and cash-on-delivery limit of a destination country; the same for every caller.' })
    seaCheckoutOptions(@Arg('country', () => String, { description: 'ID, TH, MY, PH, VN or SG.' }) country: string): SeaCheckoutOptions {
      if (!isSeaCountry(country)) throw new InputValidationError('country', 'country must be one of ID, TH, MY, PH, VN, SG');
      const currency = determineCurrency(country)!;
      return {
        country,
        currency,
        minorUnitsPerMajor: MINOR_UNITS_PER_MAJOR[currency],
        paymentMethods: [...SEA_PAYMENT_METHODS],
        codLimit: COD_LIMITS[country],
      };
    }
  }
  return SeaCodResolver;
}
