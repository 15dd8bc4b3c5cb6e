import type { RegionDependencies } from '@hub/shared/region/region-app';
import type { Clock } from '../clock.js';
import { PickupBookingService } from '../pickups/pickup-booking.service.js';
import { PickupSlotService } from '../pickups/pickup-slot.service.js';
import { RefundService } from '../refunds/refund.service.js';
import { ReturnReceiptService } from './return-receipt.service.js';
import { ReturnRequestService } from './return-request.service.js';

/** The use cases of 7-day no-reason returns, wired once per region app (constructors do no I/O, so printing the schema needs no database). */
export function createReturnServices({ orm, commandsQueued }: Pick<RegionDependencies, 'orm' | 'commandsQueued'>, clock: Clock) {
  return {
    orm,
    clock,
    requests: new ReturnRequestService(orm, commandsQueued, clock),
    pickups: new PickupBookingService(orm, commandsQueued, clock),
    slots: new PickupSlotService(orm, clock),
    receipts: new ReturnReceiptService(orm, commandsQueued, clock),
    refunds: new RefundService(orm, commandsQueued, clock),
  };
}
export type ReturnServices = ReturnType<typeof createReturnServices>;
