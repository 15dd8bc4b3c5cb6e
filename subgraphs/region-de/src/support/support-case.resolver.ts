import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import type { DeSupportCase } from './de-support-case.entity.js';
import type { SupportCaseService } from './support-case.service.js';
import { DeSupportCaseView, DeOpenSupportCaseInput } from './support-case.types.js';

const toView = (c: DeSupportCase): DeSupportCaseView => ({
  id: c.id, orderId: c.orderId, topic: c.topic, assignee: c.assignee, openedAt: c.openedAt, closedAt: c.closedAt ?? null,
});

export function createSupportCaseResolver(cases: SupportCaseService) {
  @Resolver(() => DeSupportCaseView)
  class DeSupportCaseResolver {
    @Authorized('customer_service', 'operator', 'admin')
    @Mutation(() => DeSupportCaseView, { description: 'Opens a support case for a DE order.' })
    async openDeSupportCase(@Arg('input', () => DeOpenSupportCaseInput) input: DeOpenSupportCaseInput, @Ctx() { principal }: RequestContext) {
      return toView(await cases.open(principal, input));
    }

    @Authorized('customer_service', 'operator', 'admin')
    @Mutation(() => DeSupportCaseView, { description: 'Closes a support case; its assignee no longer sees the customer\'s contact data.' })
    async closeDeSupportCase(@Arg('id', () => ID) id: string, @Ctx() { principal }: RequestContext) {
      return toView(await cases.close(principal, id));
    }
  }
  return DeSupportCaseResolver;
}
