import { ObjectType } from 'type-graphql';
import { RegionalOrderFacts } from '@hub/shared/region/regional-order-view.type';

@ObjectType({ description: 'What region-__code__ knows about an order it took in.' })
export class __Code__OrderDetails extends RegionalOrderFacts {}
