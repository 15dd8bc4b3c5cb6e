import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { actorOf, type Principal } from '../auth/principal.js';
import type { CommandOutcomeHandlers } from '../commands/command-relay.js';
import { queueFirstCoreCommand } from '../commands/command-outbox.js';
import { ConflictError, ForbiddenError } from '../errors.js';
import type { Channel, OrderLineInput, PaymentTerms, RegisterOrderRequest } from '../messaging/contracts.js';
import { calculateTotals } from '../money/order-totals.js';
import { insertRows, RowBatch } from '../persistence/insert-rows.js';
import { runStatement } from '../persistence/run-statement.js';
import { SequenceBlock } from '../persistence/sequence-block.js';
import { tableOf } from '../persistence/table-name.js';
import { formatOrderNumber } from './order-number.js';
import type { RulesHandledWith } from './placement/placement-order-rules.js';
import { RegionalOrder, type RegistrationState } from './regional-order.entity.js';
import { regionalOrdersLockedInIdOrder } from './regional-order-locks.js';
import type { PaymentPlan } from '../promotions/payment-stacking.rules.js';
import { initialOrderPayment } from './promotions/order-payment.js';
import { recordPaymentAtPlacement, returnPointsOfVoidOrder } from './promotions/order-payment.service.js';

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
  paymentTerms?: PaymentTerms;
  /** The catalogue and price list the lines were priced from. */
  pricedWith?: RegisterOrderRequest['pricedWith'];
  /** The order-rule versions the placement was handled with; absent where the region evaluates no order rules. */
  rulesHandledWith?: RulesHandledWith;
  /** An order-rule hold for review: core keeps the order from fulfilment until it is released. */
  hold?: RegisterOrderRequest['hold'];
  /** The delivery option chosen, its promise and (consolidated) the address key; absent: standard. */
  delivery?: RegisterOrderRequest['delivery'];
  /** The order facts and inventory-lock decision fulfilment acts on, sent with the registration. */
  ruleFacts?: RegisterOrderRequest['ruleFacts'];
  /** How the order is paid when a presale deposit or points are involved; its points are spent in the placement's transaction. */
  payment?: PaymentPlan;
  /** Adds the region's own records (personal data, local facts) to the rows the placement's transaction inserts. */
  storeRegionalData: (rows: RowBatch, orderId: string) => void | Promise<void>;
}

/** What a placement answers, from the region's own records: core registers the order afterwards. */
export interface PlacedOrder {
  orderId: string;
  number: string;
  registration: RegistrationState;
  currency: string;
  grandTotal: number;
}

/** The purpose of the registration command, whose outcome the intake's handlers record. */
export const PLACEMENT_PURPOSE = 'order.place';

/**
 * Takes in a region's orders without waiting for core: one local transaction writes the regional record
 * (with an order number from the region's own sequence), the region's own data and the registration
 * command; the command relay registers the order in core after the commit, whenever core is reachable.
 * The same idempotency key finds the same record, so a retried placement answers with the same order.
 */
export class OrderIntakeService {
  /** Order numbers a block at a time: a number costs no statement of its own (gaps as with any sequence). */
  private readonly numbers: SequenceBlock;

  constructor(
    private readonly orm: MikroORM,
    private readonly region: string,
    private readonly schema: string,
    private readonly commandsQueued: () => void,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.numbers = new SequenceBlock(`"${schema}".order_number_seq`);
  }

  /**
   * Inserts the order straight away: a key seen before ends in the unique-key path and answers with the order taken
   * in under it, so a new order (nearly every one) costs no look-up first.
   */
  async place(command: PlaceOrderCommand): Promise<PlacedOrder> {
    this.assertMayPlace(command);
    return placedOrderOf(await this.recordOnce(command));
  }

  /** Refuses a caller who may not place this customer's order in this region; reads nothing. */
  assertMayPlace(command: Pick<PlaceOrderCommand, 'principal' | 'customerRef'>): void {
    assertMayPlace(command.principal, command.customerRef, this.region);
  }

  /**
   * The order already taken in under this caller's idempotency key, or null for a new key; the same key with a
   * different input is refused.
   */
  async findPlaced(command: Pick<PlaceOrderCommand, 'principal' | 'idempotencyKey' | 'input' | 'customerRef'>): Promise<PlacedOrder | null> {
    this.assertMayPlace(command);
    const existing = await this.findByKey(command.principal.subject, command.idempotencyKey);
    return existing ? placedOrderOf(sameOrder(existing, hashOf(command.input))) : null;
  }

  private async recordOnce(command: PlaceOrderCommand): Promise<KnownOrder> {
    const inputHash = hashOf(command.input);
    const key = { placedBy: command.principal.subject, idempotencyKey: command.idempotencyKey };
    const em = this.orm.em.fork();
    try {
      const orderId = uuidv7();
      const placedAt = this.clock();
      // Taken before the insert, as a transaction would: a sequence value is never given back, whatever happens next.
      const number = formatOrderNumber(this.region, placedAt, await this.numbers.next(em));
      const registrationRequest: RegisterOrderRequest = {
        idempotencyKey: `${command.principal.subject}:${command.idempotencyKey}`,
        orderId,
        number,
        region: this.region,
        channel: command.channel,
        currency: command.currency,
        customerRef: command.customerRef,
        lines: command.lines,
        shippingTotal: command.shippingTotal,
        discountTotal: command.discountTotal,
        paymentTerms: command.paymentTerms ?? 'PREPAID',
        placedAt: placedAt.toISOString(),
        actor: actorOf(command.principal),
        ...(command.pricedWith ? { pricedWith: command.pricedWith } : {}),
        ...(command.hold ? { hold: command.hold } : {}),
        ...(command.delivery ? { delivery: command.delivery } : {}),
        ...(command.ruleFacts ? { ruleFacts: command.ruleFacts } : {}),
      };
      const rows = new RowBatch();
      rows.add(RegionalOrder, {
        orderId,
        ...key,
        inputHash,
        customerRef: command.customerRef,
        registration: 'PENDING',
        registrationRejection: null,
        registrationRequest,
        orderNumber: number,
        status: null,
        statusVersion: 0,
        createdAt: placedAt,
        updatedAt: new Date(),
        rulesHandledWith: command.rulesHandledWith ?? null,
        payment: command.payment ? initialOrderPayment(command.payment) : null,
      });
      await command.storeRegionalData(rows, orderId);
      // The order id was made here: no other transaction can have queued a command for it, nor can until this one commits.
      queueFirstCoreCommand(
        rows,
        { commandId: `order.register:${orderId}`, orderId, kind: 'order.register', purpose: PLACEMENT_PURPOSE, body: registrationRequest },
        new Date(),
      );
      // One local transaction: the rows' single statement is one on its own; points spent add their writes to it.
      const { payment } = command;
      if (payment) {
        await em.transactional(async (tx) => {
          await insertRows(tx, rows);
          await recordPaymentAtPlacement(tx, { orderId, customerRef: command.customerRef }, payment, placedAt);
        });
      } else {
        await insertRows(em, rows);
      }
      this.commandsQueued();
      return { orderId, inputHash, registration: 'PENDING', registrationRequest };
    } catch (error) {
      // The key was taken in before, or by a concurrent retry that won the insert: answer with its record.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const winner = await this.findByKey(key.placedBy, key.idempotencyKey);
      if (!winner) throw error;
      return sameOrder(winner, inputHash);
    }
  }

  /** The order taken in under this key, with only what a placement answers from: no entity is loaded. */
  private async findByKey(placedBy: string, idempotencyKey: string): Promise<KnownOrder | null> {
    const [row] = await runStatement<KnownOrderRow>(
      this.orm.em,
      `select order_id, input_hash, registration, registration_request from "${this.schema}".regional_order where placed_by = $1 and idempotency_key = $2`,
      [placedBy, idempotencyKey],
      { prepare: true },
    );
    return row ? { orderId: row.order_id, inputHash: row.input_hash, registration: row.registration, registrationRequest: row.registration_request } : null;
  }
}

/** What a placement needs of an order already taken in. */
type KnownOrder = Pick<RegionalOrder, 'orderId' | 'inputHash' | 'registration' | 'registrationRequest'>;

interface KnownOrderRow {
  order_id: string;
  input_hash: string;
  registration: RegistrationState;
  registration_request: RegisterOrderRequest;
}

/** Core's verdict on a registration, recorded on the regional order: a refused order is void and stays visible as REJECTED. */
export const placementCommandHandlers: Record<string, CommandOutcomeHandlers> = {
  [PLACEMENT_PURPOSE]: {
    async onAccepted(em, accepted) {
      const table = tableOf(em, RegionalOrder);
      // The ids are given for `o` too: joined to `locked` alone, it was read through an index on `registration`, every
      // pending order and every stale entry of one (12,403 entries for a batch of 50 at 200 orders/s).
      await runStatement(
        em,
        `with locked as materialized (${regionalOrdersLockedInIdOrder(table, '$2::uuid[]')})
         update ${table} o set registration = 'REGISTERED', updated_at = $1::timestamptz
           from locked where o.order_id = locked.order_id and o.order_id = any($2::uuid[]) and o.registration = 'PENDING'`,
        [new Date(), accepted.map(({ command }) => command.orderId)],
      );
    },
    async onRejected(em, command, rejection) {
      // A void order gives back the points it spent.
      const record = await em.findOne(RegionalOrder, { orderId: command.orderId });
      if (record?.payment) {
        await returnPointsOfVoidOrder(em, record, record.payment, new Date());
        await em.flush();
      }
      await em.nativeUpdate(
        RegionalOrder,
        { orderId: command.orderId },
        {
          registration: 'REJECTED',
          registrationRejection: `${rejection.code}: ${rejection.message}`.slice(0, 500),
          updatedAt: new Date(),
        },
      );
    },
  },
};

const hashOf = (input: unknown) => createHash('sha256').update(JSON.stringify(input)).digest('hex');

function placedOrderOf(record: KnownOrder): PlacedOrder {
  const request = record.registrationRequest;
  return {
    orderId: record.orderId,
    number: request.number,
    registration: record.registration,
    currency: request.currency,
    grandTotal: calculateTotals(request.lines, request.shippingTotal, request.discountTotal).grandTotal,
  };
}

function sameOrder(record: KnownOrder, inputHash: string): KnownOrder {
  if (record.inputHash !== inputHash) {
    throw new ConflictError('This idempotency key was already used for a different order', { field: 'idempotencyKey' });
  }
  return record;
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
