import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { MutationPayload, replacedByPayloadMutation, withUserErrors } from '@hub/shared/graphql/user-error';
import type { RequestContext } from '@hub/shared/graphql/context';
import type { DeSupportCase } from './de-support-case.entity.js';
import type { SupportCaseService } from './support-case.service.js';
import { DeSupportCaseView, DeOpenSupportCaseInput } from './support-case.types.js';

const toView = (c: DeSupportCase): DeSupportCaseView => ({
  id: c.id,
  orderId: c.orderId,
  topic: c.topic,
  assignee: c.assignee,
  openedAt: c.openedAt,
  closedAt: c.closedAt ?? null,
});

const OPEN = { description: 'The order and the topic.' } as const;
const CASE_ID = { description: 'The case to close.' } as const;

/** Declares the payload of a support-case mutation. */
function supportCasePayload(name: string, description: string) {
  @ObjectType(name, { description })
  class DeSupportCasePayload extends MutationPayload {
    @Field(() => DeSupportCaseView, { nullable: true, description: 'The case; null when refused.' }) supportCase?: DeSupportCaseView;
  }
  return DeSupportCasePayload;
}
const DeSupportCaseOpenPayload = supportCasePayload('DeSupportCaseOpenPayload', 'What opening a support case answers.');
const DeSupportCaseClosePayload = supportCasePayload('DeSupportCaseClosePayload', 'What closing a support case answers.');

export function createSupportCaseResolver(cases: SupportCaseService) {
  @Resolver(() => DeSupportCaseView)
  class DeSupportCaseResolver {
    @Authorized('customer_service', 'operator', 'admin')
    @Mutation(() => DeSupportCaseView, {
      description: 'Opens a support case for a DE order.',
      deprecationReason: replacedByPayloadMutation('deSupportCaseOpen'),
    })
    async openDeSupportCase(@Arg('input', () => DeOpenSupportCaseInput, OPEN) input: DeOpenSupportCaseInput, @Ctx() { principal }: RequestContext) {
      return toView(await cases.open(principal, input));
    }

    @Authorized('customer_service', 'operator', 'admin')
    @Mutation(() => DeSupportCaseOpenPayload, { description: 'Opens a support case for a DE order; refusals come in `userErrors`.' })
    async deSupportCaseOpen(@Arg('input', () => DeOpenSupportCaseInput, OPEN) input: DeOpenSupportCaseInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ supportCase: await this.openDeSupportCase(input, context) }));
    }

    @Authorized('customer_service', 'operator', 'admin')
    @Mutation(() => DeSupportCaseView, {
      description: "Closes a support case; its assignee no longer sees the customer's contact data.",
      deprecationReason: replacedByPayloadMutation('deSupportCaseClose'),
    })
    async closeDeSupportCase(@Arg('id', () => ID, CASE_ID) id: string, @Ctx() { principal }: RequestContext) {
      return toView(await cases.close(principal, id));
    }

    @Authorized('customer_service', 'operator', 'admin')
    @Mutation(() => DeSupportCaseClosePayload, {
      description: "Closes a support case; its assignee no longer sees the customer's contact data. Refusals come in `userErrors`.",
    })
    async deSupportCaseClose(@Arg('id', () => ID, CASE_ID) id: string, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ supportCase: await this.closeDeSupportCase(id, context) }), 'id');
    }
  }
  return DeSupportCaseResolver;
}
