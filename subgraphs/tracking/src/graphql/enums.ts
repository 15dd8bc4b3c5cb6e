import { registerEnumType } from 'type-graphql';
import { EVENT_KINDS, NODE_TYPES } from '../events/domain/event-kinds.js';
import { TASK_KINDS, TASK_STATES } from '../tasks/domain/task.rules.js';
import { CUSTOMER_TIERS } from '../notices/domain/notice-tiering.js';
import { LAYER_CADENCE_MS } from '../freshness/domain/freshness.rules.js';
import { DISRUPTION_KINDS } from '../eta/domain/eta.model.js';
import { ALTERNATIVES } from '../eta/domain/delay-warning.rules.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const TrackingEventKindEnum = enumOf(EVENT_KINDS);
export const NodeTypeEnum = enumOf(NODE_TYPES);
export const TaskKindEnum = enumOf(TASK_KINDS);
export const TaskStateEnum = enumOf(TASK_STATES);
export const CustomerTierEnum = enumOf(CUSTOMER_TIERS);
export const FreshnessLayerEnum = enumOf(Object.keys(LAYER_CADENCE_MS) as Array<keyof typeof LAYER_CADENCE_MS>);
export const DisruptionKindEnum = enumOf(DISRUPTION_KINDS);
export const DelayAlternativeEnum = enumOf(ALTERNATIVES);

registerEnumType(TrackingEventKindEnum, {
  name: 'TrackingEventKind',
  description: 'What a carrier or warehouse reported about a parcel.',
  valuesConfig: {
    LABEL_CREATED: { description: 'Shipping label created (key node: created).' },
    PICKED: { description: 'Picked in the warehouse.' },
    PACKED: { description: 'Packed in the warehouse.' },
    OUTBOUND: { description: 'Left the warehouse (key node).' },
    FIRST_SCAN: { description: 'First scan by the carrier (key node).' },
    ARRIVED_AT_NODE: { description: 'Arrived at a network node.' },
    DEPARTED_NODE: { description: 'Left a network node.' },
    OUT_FOR_DELIVERY: { description: 'On the vehicle for the last mile (key node).' },
    DELIVERY_ATTEMPTED: { description: 'Delivery tried, nobody took it.' },
    SIGNED: { description: 'Delivered and signed for (key node).' },
    DELIVERY_REFUSED: { description: 'Refused at the door.' },
    EXCEPTION: { description: 'Damage, loss or another carrier exception.' },
  },
});
registerEnumType(NodeTypeEnum, {
  name: 'TrackingNodeType',
  description: 'The kind of place an event happened at; dwell thresholds differ per kind.',
  valuesConfig: {
    WAREHOUSE: { description: 'Fulfilment warehouse.' },
    SORTING_CENTER: { description: 'Carrier sorting centre.' },
    HUB: { description: 'Line-haul hub.' },
    CUSTOMS: { description: 'Customs clearance.' },
    DELIVERY_STATION: { description: 'Last-mile delivery station.' },
    PICKUP_POINT: { description: 'Parcel shop or locker.' },
    VEHICLE: { description: 'On a vehicle.' },
    DOORSTEP: { description: 'At the recipient.' },
  },
});
registerEnumType(TaskKindEnum, {
  name: 'TrackingTaskKind',
  description: 'Why a task was opened.',
  valuesConfig: {
    DELAY: { description: 'The parcel is predicted to miss its promised window.' },
    DWELL: { description: 'The parcel sat at a node longer than its threshold.' },
  },
});
registerEnumType(TaskStateEnum, {
  name: 'TrackingTaskState',
  description: 'Where a task is in its handling.',
  valuesConfig: {
    OPEN: { description: 'Nobody owns it yet.' },
    ASSIGNED: { description: 'Given to a person, not yet acknowledged.' },
    ACKNOWLEDGED: { description: 'The assignee is on it.' },
    RESOLVED: { description: 'Closed.' },
  },
});
registerEnumType(CustomerTierEnum, {
  name: 'CustomerTier',
  description: 'How much a customer hears about their parcels.',
  valuesConfig: {
    ORDINARY: { description: 'Key-node changes.' },
    VIP: { description: 'Every step with its location.' },
    B2B: { description: 'Batch progress instead of single steps.' },
  },
});
registerEnumType(FreshnessLayerEnum, {
  name: 'FreshnessLayer',
  description: 'A source of updates with its own cadence.',
  valuesConfig: {
    WAREHOUSE: { description: 'Warehouse system, every 30 s.' },
    TRANSPORT: { description: 'Transport system, every minute.' },
    STATUS: { description: 'Order status, every 5 minutes.' },
  },
});
registerEnumType(DisruptionKindEnum, {
  name: 'DisruptionKind',
  description: 'What slows parcels down.',
  valuesConfig: {
    WEATHER: { description: 'Weather on a lane or around a node.' },
    TRAFFIC: { description: 'Road traffic.' },
    HUB_CLOSURE: { description: 'A node closed: parcels wait until it reopens.' },
  },
});
registerEnumType(DelayAlternativeEnum, {
  name: 'DelayAlternative',
  description: 'What can be done about a late parcel.',
  valuesConfig: {
    REROUTE: { description: 'Go around the disrupted lane or node.' },
    SWITCH_CARRIER: { description: 'Hand over to another carrier.' },
    RESCHEDULE: { description: 'Agree a new window with the customer.' },
    NOTIFY_CUSTOMER: { description: 'Tell the customer.' },
  },
});
