import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { actorOf, type Principal } from '../auth/principal.js';
import { ConflictError, ForbiddenError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Channel, OrderLineInput, OrderSnapshot, RegisterOrderRequest } from '../messaging/contracts.js';
import type { CoreClient } from '../messaging/core-client.js';
import { RegionalOrder } from './regional-order.entity.js';

export interface PlaceOrderCommand {
  principal: Principal;
  idempotencyKey: string;
  /** Everything the client sent, for the same-key-different-order check. */
  input: unknown;
  /** Whose order it is: the customer's own pseudonymous id, or one an operator names. */
  customerRef: string;
  channel: Channel;
  currency: string;
  lines: OrderLineInput[];
  shippingTotal: number;
  discountTotal: number;
  /** Writes the region's own records (personal data, local facts) in the placement's transaction. */
  storeRegionalData: (em: EntityManager, orderId: string) => void | Promise<void>;
}

/**
 * Takes in a region's orders: first the region's own records (in one transaction), then registration with
 * core. Either step can fail and be repeated: the regional record is found again by its idempotency key,
 * and core answers a repeated registration with the order it already has.
 */
export class OrderIntakeService {
  constructor(
    private readonly orm: MikroORM,
    private readonly core: CoreClient,
    private readonly region: string,
    private readonly logger: Logger,
  ) {}

  async place(command: PlaceOrderCommand): Promise<OrderSnapshot> {
    assertMayPlace(command.principal, command.customerRef, this.region);
    const record = await this.recordOnce(command);
    return this.register(record);
  }

  /** Re-sends registrations that did not complete (core or NATS was down); run periodically. */
  async registerPending(olderThanMs = 5_000): Promise<number> {
    const pending = await this.orm.em.fork().find(
      RegionalOrder,
      { registration: 'PENDING', createdAt: { $lt: new Date(Date.now() - olderThanMs) } },
      { limit: 100, orderBy: { createdAt: 'asc' } },
    );
    let registered = 0;
    for (const record of pending) {
      await this.register(record).then(() => (registered += 1), (error: unknown) => {
        this.logger.warn({ err: error, orderId: record.orderId }, 'pending registration still failing');
      });
    }
    return registered;
  }

  private async recordOnce(command: PlaceOrderCommand): Promise<RegionalOrder> {
    const inputHash = createHash('sha256').update(JSON.stringify(command.input)).digest('hex');
    const key = { placedBy: command.principal.subject, idempotencyKey: command.idempotencyKey };
    const existing = await this.orm.em.fork().findOne(RegionalOrder, key);
    if (existing) return this.sameOrder(existing, inputHash);
    try {
      return await this.orm.em.fork().transactional(async (em) => {
        const orderId = uuidv7();
        const registrationRequest: RegisterOrderRequest = {
          idempotencyKey: `${command.principal.subject}:${command.idempotencyKey}`,
          orderId,
          region: this.region,
          channel: command.channel,
          currency: command.currency,
          customerRef: command.customerRef,
          lines: command.lines,
          shippingTotal: command.shippingTotal,
          discountTotal: command.discountTotal,
          actor: actorOf(command.principal),
        };
        const record = em.create(RegionalOrder, {
          orderId, ...key, inputHash, customerRef: command.customerRef, registration: 'PENDING', registrationRequest,
          orderNumber: null, status: null, statusVersion: 0,
        });
        await command.storeRegionalData(em, orderId);
        await em.flush();
        return record;
      });
    } catch (error) {
      // A concurrent retry with the same key won the insert: continue with its record.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const winner = await this.orm.em.fork().findOneOrFail(RegionalOrder, key);
      return this.sameOrder(winner, inputHash);
    }
  }

  private sameOrder(record: RegionalOrder, inputHash: string): RegionalOrder {
    if (record.inputHash !== inputHash) {
      throw new ConflictError('This idempotency key was already used for a different order', { field: 'idempotencyKey' });
    }
    return record;
  }

  private async register(record: RegionalOrder): Promise<OrderSnapshot> {
    const snapshot = await this.core.registerOrder(record.registrationRequest);
    if (record.registration !== 'REGISTERED') {
      await this.orm.em.fork().nativeUpdate(
        RegionalOrder,
        { orderId: record.orderId, registration: 'PENDING' },
        { registration: 'REGISTERED', orderNumber: snapshot.number, updatedAt: new Date() },
      );
    }
    return snapshot;
  }
}


/** Customers order for themselves in their region; operators and customer service for their regions' customers. */
function assertMayPlace(principal: Principal, customerRef: string, region: string): void {
  switch (principal.role) {
    case 'admin':
      return;
    case 'customer':
      if (principal.subject !== customerRef) throw new ForbiddenError('Customers can only place orders for themselves');
      if (!principal.regions.includes(region)) throw new ForbiddenError(`The caller may not place orders in region ${region}`);
      return;
    case 'operator':
    case 'customer_service':
      if (!principal.regions.includes(region)) throw new ForbiddenError(`The caller may not place orders in region ${region}`);
      return;
    default:
      throw new ForbiddenError('This role cannot place orders');
  }
}
