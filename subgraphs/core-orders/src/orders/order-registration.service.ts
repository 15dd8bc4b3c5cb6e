import { holdOf } from './domain/order-hold.rules.js';
import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { ConflictError, DomainError } from '@hub/shared/errors';
import { orderEventMessageId, type OrderSnapshot, type RegisterOrderRequest } from '@hub/shared/messaging/contracts';
import { enqueueEvent } from '@hub/shared/messaging/outbox';
import type { Subjects } from '@hub/shared/messaging/subjects';
import { recordAudit } from '../audit/audit-recorder.js';
import { Region } from '../regions/persistence/region.entity.js';
import { calculateTotals } from '@hub/shared/money/order-totals';
import { resolveEventTime } from './domain/event-time.rules.js';
import { orderPlacedEvent, toSnapshot } from './order-snapshot.js';
import { enqueueHoldAwaitingApproval } from './hold-approval-request.js';
import { Order } from './persistence/order.entity.js';
import { OrderLine } from './persistence/order-line.entity.js';
import { OrderStatusChange } from './persistence/order-status-change.entity.js';

/**
 * Registers orders that regions have taken in. The idempotency key makes a retried registration return
 * the first result; the same key with a different order is a conflict, never a silent overwrite.
 */
export class OrderRegistrationService {
  /** Regions found in the registry before: the registry only grows, so a region once known needs no look-up per order. */
  private readonly knownRegions = new Set<string>();

  constructor(
    private readonly orm: MikroORM,
    private readonly subjects: Subjects,
    private readonly onEventsQueued: () => void,
  ) {}

  async register(request: RegisterOrderRequest): Promise<OrderSnapshot> {
    const idempotencyKey = `${request.region}:${request.idempotencyKey}`;
    const requestHash = fingerprint(request);
    try {
      const snapshot = await this.orm.em.fork().transactional((em) => this.registerOnce(em, request, idempotencyKey, requestHash));
      this.onEventsQueued();
      return snapshot;
    } catch (error) {
      // Two copies of the same request raced: the loser answers with the winner's order.
      if (error instanceof UniqueConstraintViolationException) {
        const existing = await this.orm.em.fork().findOne(Order, { idempotencyKey });
        if (existing) return this.replay(existing, requestHash);
        throw new ConflictError('The order id or number is already taken by another order', { field: 'orderId' });
      }
      throw error;
    }
  }

  private async registerOnce(em: EntityManager, request: RegisterOrderRequest, idempotencyKey: string, requestHash: string): Promise<OrderSnapshot> {
    const existing = await em.findOne(Order, { idempotencyKey });
    if (existing) return this.replay(existing, requestHash);
    if (!this.knownRegions.has(request.region)) {
      if (!(await em.findOne(Region, { code: request.region }))) {
        throw new DomainError('BAD_USER_INPUT', `Unknown region "${request.region}"`, { field: 'region' });
      }
      this.knownRegions.add(request.region);
    }
    const totals = calculateTotals(request.lines, request.shippingTotal, request.discountTotal);
    const recordedAt = new Date();
    // The order exists since the region took it in, which may be well before core hears of it (core was away).
    const placedAt = resolveEventTime(new Date(request.placedAt), recordedAt, null);
    const order = em.create(Order, {
      id: request.orderId,
      number: request.number,
      region: request.region,
      channel: request.channel,
      currency: request.currency,
      customerRef: request.customerRef,
      status: 'CREATED',
      paymentTerms: request.paymentTerms,
      ...totals,
      pricedWith: request.pricedWith ?? null,
      hold: request.hold ? holdOf(request.hold) : null,
      delivery: request.delivery ?? null,
      ruleFacts: request.ruleFacts ?? null,
      idempotencyKey,
      requestHash,
      placedAt,
      updatedAt: recordedAt,
    });
    request.lines.forEach((line, index) => {
      const discount = line.discount ?? 0;
      const discountTax = line.discountTax ?? 0;
      const lineTotal = line.quantity * (line.unitPrice + line.unitTax) - discount - discountTax;
      em.create(OrderLine, { order, lineNo: index + 1, ...line, discount, discountTax, lineTotal });
    });
    em.create(OrderStatusChange, {
      order,
      sequence: 1,
      fromStatus: null,
      toStatus: 'CREATED',
      at: recordedAt,
      occurredAt: placedAt,
      actorType: request.actor.type,
      actorId: request.actor.id,
      note: request.hold ? holdNote(request.hold) : null,
      requestId: null,
      orderVersion: 1,
    });
    recordAudit(
      em,
      {
        actor: request.actor,
        actorRole: 'service',
        action: 'order.placed',
        entityType: 'Order',
        entityId: order.id,
        region: order.region,
        before: null,
        after: { status: 'CREATED', version: 1, number: order.number, currency: order.currency, grandTotal: order.grandTotal, lines: request.lines.length },
      },
      recordedAt,
    );
    const lines = request.lines.map((line, index) => ({ lineNo: index + 1, sku: line.sku, quantity: line.quantity, attributes: line.attributes }));
    const event = orderPlacedEvent(order, lines, placedAt, { version: 1, ...(request.hold ? { held: true } : {}) });
    enqueueEvent(em, this.subjects.orderPlaced(order.region), orderEventMessageId(event), event);
    if (order.hold) enqueueHoldAwaitingApproval(em, this.subjects, order, order.hold, 1, recordedAt);
    await em.flush();
    return toSnapshot(order);
  }

  private replay(existing: Order, requestHash: string): OrderSnapshot {
    if (existing.requestHash !== requestHash) {
      throw new ConflictError('This idempotency key was already used for a different order', { field: 'idempotencyKey' });
    }
    return toSnapshot(existing);
  }
}

/** The timeline says why a placed order waits: the rules that held it and how many approvals release it. */
const holdNote = (hold: NonNullable<RegisterOrderRequest['hold']>) =>
  `Held for review (${hold.levels} approval${hold.levels > 1 ? 's' : ''}): ${hold.reasons.map((r) => `${r.ruleSet} v${r.version}: ${r.message}`).join('; ')}`.slice(
    0,
    500,
  );

/** A stable hash of what defines the order; the acting user is left out, so a retry by a colleague still matches. */
function fingerprint(request: RegisterOrderRequest): string {
  const { actor: _actor, ...order } = request;
  return createHash('sha256').update(JSON.stringify(order)).digest('hex');
}
