import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { MutationPayload, withUserErrors } from '@hub/shared/graphql/user-error';
import type { RequestContext } from '@hub/shared/graphql/context';
import { DE_PROCESSING, DE_PROCESSING_WHILE_RESTRICTED, RESTRICTION_GROUND_RULES } from '../rules/restriction.rules.js';
import type { DeProcessingRestriction } from './de-processing-restriction.entity.js';
import type { RestrictionService } from './restriction.service.js';
import {
  DeProcessingRestrictions,
  DeProcessingRestrictionView,
  DeProcessingWhileRestricted,
  DeRestrictionLiftInput,
  DeRestrictionRequestInput,
} from './restriction.types.js';

const STAFF = ['customer_service', 'operator', 'admin'];
const CUSTOMER = { nullable: true, description: 'The customer; customers omit it and act for themselves.' } as const;

@ObjectType('DeRestrictionRequestPayload', { description: 'What a restriction request answers.' })
class DeRestrictionRequestPayload extends MutationPayload {
  @Field(() => DeProcessingRestrictionView, { nullable: true, description: 'The restriction in force; null when refused.' })
  restriction?: DeProcessingRestrictionView;
}

@ObjectType('DeRestrictionLiftPayload', { description: 'What lifting a restriction answers.' })
class DeRestrictionLiftPayload extends MutationPayload {
  @Field(() => DeProcessingRestrictionView, { nullable: true, description: 'The lifted restriction; null when refused.' })
  restriction?: DeProcessingRestrictionView;
}

export const toRestrictionView = (row: DeProcessingRestriction): DeProcessingRestrictionView => ({
  id: row.id,
  ground: row.ground,
  ...RESTRICTION_GROUND_RULES[row.ground],
  note: row.note ?? null,
  requestedAt: row.requestedAt,
  requestedBy: row.requestedBy,
  inForce: !row.liftedAt,
  liftedAt: row.liftedAt ?? null,
  liftedBy: row.liftedBy ?? null,
  liftReason: row.liftReason ?? null,
  subjectInformedAt: row.subjectInformedAt ?? null,
});

const WHILE_RESTRICTED: DeProcessingWhileRestricted[] = DE_PROCESSING.map((processing) => ({
  processing,
  allowed: DE_PROCESSING_WHILE_RESTRICTED[processing].exception !== null,
  ...DE_PROCESSING_WHILE_RESTRICTED[processing],
}));

export function createRestrictionResolver(restrictions: RestrictionService) {
  @Resolver(() => DeProcessingRestrictions)
  class DeRestrictionResolver {
    @Authorized('customer', ...STAFF)
    @Mutation(() => DeRestrictionRequestPayload, {
      description:
        "Restricts processing of a DE customer's personal data (GDPR art. 18(1)); customers for themselves, staff of region DE name the customer. Refusals come in `userErrors`.",
    })
    deRestrictionRequest(
      @Arg('input', () => DeRestrictionRequestInput, { description: 'The ground and the customer.' }) input: DeRestrictionRequestInput,
      @Ctx() { principal }: RequestContext,
    ) {
      return withUserErrors(async () => ({ restriction: toRestrictionView(await restrictions.request(principal, input)) }));
    }

    @Authorized(...STAFF)
    @Mutation(() => DeRestrictionLiftPayload, {
      description: 'Lifts a restriction of processing once the data subject was informed (GDPR art. 18(3)); staff of region DE. Refusals come in `userErrors`.',
    })
    deRestrictionLift(
      @Arg('input', () => DeRestrictionLiftInput, { description: 'The restriction, the reason and the confirmation.' }) input: DeRestrictionLiftInput,
      @Ctx() { principal }: RequestContext,
    ) {
      return withUserErrors(async () => ({ restriction: toRestrictionView(await restrictions.lift(principal, input)) }));
    }

    @Authorized('customer', ...STAFF)
    @Query(() => DeProcessingRestrictions, { description: "A DE customer's restriction of processing in force, its history, and what a restriction stops." })
    async deProcessingRestrictions(
      @Arg('customerRef', () => String, CUSTOMER) customerRef: string | undefined,
      @Ctx() { principal }: RequestContext,
    ): Promise<DeProcessingRestrictions> {
      const { customerRef: subject, history } = await restrictions.restrictionsOf(principal, customerRef ?? undefined);
      const views = history.map(toRestrictionView);
      return { customerRef: subject, inForce: views.find((view) => view.inForce) ?? null, history: views, whileRestricted: WHILE_RESTRICTED };
    }
  }
  return DeRestrictionResolver;
}
