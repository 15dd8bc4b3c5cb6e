import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Principal } from '@hub/shared/auth/principal';
import { canReadOrder } from '@hub/shared/auth/access';
import type { EventIngestService } from '../events/event-ingest.service.js';
import type { UserError, UserErrorCode } from '@hub/shared/graphql/user-error';
import { userError } from '../graphql/user-errors.js';

const ID = /^[A-Za-z0-9._:-]{1,100}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RegisterShipmentCommand {
  orderId: string;
  carrierId: string;
  trackingNumber: string;
  promisedBy?: Date | undefined;
  route?: string[] | undefined;
}

/**
 * Registers a parcel handed to a carrier: by the warehouse or operations today, by fulfilment's shipment
 * events once they exist (same key: carrier + tracking number). Repeating a registration updates the promise
 * and route; a tracking number already used for another order is refused. Parked events join the journey.
 */
export class ShipmentRegistrationService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly ingest: EventIngestService,
  ) {}

  async register(principal: Principal, input: RegisterShipmentCommand): Promise<{ shipmentId: string | null; matched: number; userErrors: UserError[] }> {
    const refuse = (code: UserErrorCode, message: string, field: string) => ({
      shipmentId: null,
      matched: 0,
      userErrors: [userError(code, message, ['input', field])],
    });
    if (!UUID.test(input.orderId)) return refuse('INVALID', 'orderId must be a UUID', 'orderId');
    if (!ID.test(input.carrierId)) return refuse('INVALID', 'carrierId must be 1-100 letters, digits or . _ : -', 'carrierId');
    if (!ID.test(input.trackingNumber)) return refuse('INVALID', 'trackingNumber must be 1-100 letters, digits or . _ : -', 'trackingNumber');
    const route = input.route ?? [];
    if (route.length > 30 || !route.every((node) => ID.test(node))) return refuse('INVALID', 'route is at most 30 node ids', 'route');
    if (new Set(route).size !== route.length) return refuse('INVALID', 'route visits a node twice', 'route');
    const { rows: orders } = await this.pool.query<{ region: string; customer_ref: string }>(
      `select region, customer_ref from "tracking".tracked_order where order_id = $1`,
      [input.orderId],
    );
    const order = orders[0];
    if (!order || !canReadOrder(principal, { region: order.region, customerRef: order.customer_ref }))
      return refuse('NOT_FOUND', 'No such order in your scope', 'orderId');
    const { rows } = await this.pool.query<{ id: string; order_id: string }>(
      `insert into "tracking".shipment (id, order_id, carrier_id, tracking_number, promised_by, route, check_due_at)
      values ($1, $2, $3, $4, $5, $6, now())
      on conflict (carrier_id, tracking_number) do update set promised_by = coalesce(excluded.promised_by, shipment.promised_by),
        route = case when jsonb_array_length(excluded.route) > 0 then excluded.route else shipment.route end, check_due_at = now()
        where shipment.order_id = excluded.order_id
      returning id, order_id`,
      [randomUUID(), input.orderId, input.carrierId, input.trackingNumber, input.promisedBy ?? null, JSON.stringify(route)],
    );
    if (!rows[0]) return refuse('CONFLICT', 'This tracking number is registered for another order', 'trackingNumber');
    const matched = await this.ingest.unpark([rows[0].id]);
    return { shipmentId: rows[0].id, matched, userErrors: [] };
  }
}
