import { registerEnumType } from 'type-graphql';
import { DELIVERY_OPTIONS, type DeliveryOption } from '../green/delivery-options.rules.js';

export const DeliveryOptionEnum = Object.fromEntries(DELIVERY_OPTIONS.map((option) => [option, option])) as { [O in DeliveryOption]: O };

/** One definition for every subgraph that prints it (quote, core's Order, the regions' placement), so composition sees one enum. */
registerEnumType(DeliveryOptionEnum, {
  name: 'DeliveryOption',
  description: 'How an order is delivered, chosen at checkout.',
  valuesConfig: {
    STANDARD: { description: 'Standard parcel.' },
    EXPRESS: { description: 'Faster; emits more.' },
    CONSOLIDATED: { description: "Low-carbon: waits for the customer's other orders to the same address (or a fuller van) within the promise." },
  },
});
