import { Authorized, Ctx, Directive, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { ForbiddenError } from '../errors.js';
import type { RequestContext } from '../graphql/context.js';
import type { RulesReplica } from '../rules/replication/rules-replica.js';

@Directive('@shareable')
@ObjectType('RegionHeldRuleSet', { description: 'One order-rule set as a region holds it and evaluates placements with.' })
class RegionHeldRuleSet {
  @Field(() => String, { description: "The rule set's key." })
  ruleSet!: string;
  @Field(() => String, { description: 'The pipeline module its rules belong to (VALIDATION, PRICING…).' })
  module!: string;
  @Field(() => Int, { description: "The publication the region holds; behind the hub's when a newer one has not reached it." })
  publication!: number;
  @Field(() => [Int], { description: 'The versions in that publication (in force or scheduled).' })
  versions!: number[];
}

@Directive('@shareable')
@ObjectType('RegionOrderRulesHoldings', { description: 'What a region holds of the order rules, answered from its own copy.' })
class RegionOrderRulesHoldings {
  @Field(() => Boolean, {
    description:
      'True while the region cannot confirm it holds every publication (still reading the stream, or NATS unreachable): it keeps placing orders with the rules it has.',
  })
  mayBeBehind!: boolean;
  @Field(() => [RegionHeldRuleSet], { description: 'Every rule set held, by key.' })
  ruleSets!: RegionHeldRuleSet[];
}

/** `<region>OrderRulesHeld`: which rule-set publications a region evaluates with, so an operator sees whether it lags. */
export function createOrderRulesHoldingsQuery(region: string, rules: RulesReplica) {
  @Resolver()
  class OrderRulesHoldingsQuery {
    @Authorized('operator', 'admin', 'rules_editor', 'rules_approver')
    @Query(() => RegionOrderRulesHoldings, {
      name: `${region}OrderRulesHeld`,
      description: `The order-rule sets region-${region} holds and places orders with, and whether its copy may be behind the hub's.`,
    })
    held(@Ctx() { principal }: RequestContext): RegionOrderRulesHoldings {
      if (principal.role === 'operator' && !principal.regions.includes(region)) throw new ForbiddenError(`The caller may not read region ${region}`);
      return { mayBeBehind: rules.mayBeBehind(), ruleSets: rules.holdings() };
    }
  }
  return OrderRulesHoldingsQuery;
}
