import { holdOf } from './domain/order-hold.rules.js';
import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/postgresql';
import { BurstBatcher, type ItemOutcome } from '@hub/shared/messaging/burst-batcher';
import { ConflictError, DomainError } from '@hub/shared/errors';
import { orderEventMessageId, type OrderSnapshot, type OrderStatus, type RegisterOrderRequest } from '@hub/shared/messaging/contracts';
import { queueEvent } from '@hub/shared/messaging/outbox';
import type { Subjects } from '@hub/shared/messaging/subjects';
import { insertRows, RowBatch } from '@hub/shared/persistence/insert-rows';
import { queryRows } from '@hub/shared/persistence/query-rows';
import { activeContext, withinContext, type TraceContext } from '@hub/shared/telemetry/trace-context';
import { queueAudit } from '../audit/audit-recorder.js';
import { CORE_SCHEMA } from '../persistence/entities.js';
import { Region } from '../regions/persistence/region.entity.js';
import { calculateTotals } from '@hub/shared/money/order-totals';
import { resolveEventTime } from './domain/event-time.rules.js';
import { orderPlacedEvent, toSnapshot, type SnapshotFields } from './order-snapshot.js';
import { queueHoldAwaitingApproval } from './hold-approval-request.js';
import { Order } from './persistence/order.entity.js';
import { OrderLine } from './persistence/order-line.entity.js';
import { OrderStatusChange } from './persistence/order-status-change.entity.js';

/** A relay sends up to 50 commands a pass; two regions' bursts together still make one batch. */
const MAX_BATCH = 100;

const succeeded = (value: OrderSnapshot): ItemOutcome<OrderSnapshot> => ({ ok: true, value });
const failed = (error: unknown): ItemOutcome<OrderSnapshot> => ({ ok: false, error });

/** A registration waiting for its batch, with the trace of the command that brought it. */
interface Registration {
  request: RegisterOrderRequest;
  trace: TraceContext;
}

/** Registrations are keyed by region: two regions' keys never meet. */
const keyOf = (request: RegisterOrderRequest) => `${request.region}:${request.idempotencyKey}`;

/**
 * Registers orders that regions have taken in. The idempotency key makes a retried registration return
 * the first result; the same key with a different order is a conflict, never a silent overwrite.
 */
export class OrderRegistrationService {
  /** Regions found in the registry before: the registry only grows, so a region once known needs no look-up per order. */
  private readonly knownRegions = new Set<string>();
  /** A region's relay sends its registrations in bursts: those arriving together are inserted together. */
  private readonly batches = new BurstBatcher<Registration, OrderSnapshot>((registrations) => this.registerAll(registrations), { maxBatch: MAX_BATCH });

  constructor(
    private readonly orm: MikroORM,
    private readonly subjects: Subjects,
    private readonly onEventsQueued: () => void,
  ) {}

  register(request: RegisterOrderRequest): Promise<OrderSnapshot> {
    return this.batches.submit({ request, trace: activeContext() });
  }

  /**
   * The registrations that arrived together, inserted in one statement with an answer each. When any of them fails
   * (a repeated command's key, two copies in one batch, an unknown region), each is registered alone, so the answers
   * are those the commands would have had one by one.
   */
  private async registerAll(registrations: readonly Registration[]): Promise<Array<ItemOutcome<OrderSnapshot>>> {
    if (registrations.length > 1) {
      try {
        return (await this.insert(registrations)).map(succeeded);
      } catch {
        // Registered alone below.
      }
    }
    return Promise.all(registrations.map((registration) => withinContext(registration.trace, () => this.registerAlone(registration)).then(succeeded, failed)));
  }

  private async registerAlone(registration: Registration): Promise<OrderSnapshot> {
    try {
      return (await this.insert([registration]))[0]!;
    } catch (error) {
      // The same request again (repeated, or racing its copy): it answers with the order the first one registered.
      if (error instanceof UniqueConstraintViolationException) {
        const { request } = registration;
        const existing = await this.findByKey(keyOf(request));
        if (existing) return this.replay(existing, fingerprint(request));
        throw new ConflictError('The order id or number is already taken by another order', { field: 'orderId' });
      }
      throw error;
    }
  }

  /** Inserts the registrations in one statement; each order's events carry the trace of the command that brought it. */
  private async insert(registrations: readonly Registration[]): Promise<OrderSnapshot[]> {
    const rows = new RowBatch();
    const snapshots: OrderSnapshot[] = [];
    for (const { request, trace } of registrations) snapshots.push(await withinContext(trace, () => this.queueRegistration(rows, request)));
    await insertRows(this.orm.em.fork(), rows);
    this.onEventsQueued();
    return snapshots;
  }

  /**
   * Adds the order, its lines, its first timeline step, the audit entry and the events to `rows`, which are inserted
   * in one statement (no entity is instantiated) that commits or fails as a whole. The key is not looked up first: a
   * repeated command (the sender missed the answer) fails the insert on the key and is answered from the order found then.
   */
  private async queueRegistration(rows: RowBatch, request: RegisterOrderRequest): Promise<OrderSnapshot> {
    if (!this.knownRegions.has(request.region)) {
      if (!(await this.orm.em.fork().findOne(Region, { code: request.region }))) {
        throw new DomainError('BAD_USER_INPUT', `Unknown region "${request.region}"`, { field: 'region' });
      }
      this.knownRegions.add(request.region);
    }
    const totals = calculateTotals(request.lines, request.shippingTotal, request.discountTotal);
    const recordedAt = new Date();
    // The order exists since the region took it in, which may be well before core hears of it (core was away).
    const placedAt = resolveEventTime(new Date(request.placedAt), recordedAt, null);
    const order = {
      id: request.orderId,
      number: request.number,
      region: request.region,
      channel: request.channel,
      currency: request.currency,
      customerRef: request.customerRef,
      status: 'CREATED' as const,
      paymentTerms: request.paymentTerms,
      ...totals,
      pricedWith: request.pricedWith ?? null,
      hold: request.hold ? holdOf(request.hold) : null,
      delivery: request.delivery ?? null,
      ruleFacts: request.ruleFacts ?? null,
      idempotencyKey: keyOf(request),
      requestHash: fingerprint(request),
      placedAt,
      updatedAt: recordedAt,
      // A new order's version, as the unit of work would number its first insert.
      version: 1,
    };
    rows.add(Order, order);
    request.lines.forEach((line, index) => {
      const discount = line.discount ?? 0;
      const discountTax = line.discountTax ?? 0;
      const lineTotal = line.quantity * (line.unitPrice + line.unitTax) - discount - discountTax;
      rows.add(OrderLine, {
        order: order.id,
        lineNo: index + 1,
        sku: line.sku,
        name: line.name,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        unitTax: line.unitTax,
        discount,
        discountTax,
        lineTotal,
        attributes: line.attributes,
      });
    });
    rows.add(OrderStatusChange, {
      order: order.id,
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
    queueAudit(
      rows,
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
    queueEvent(rows, this.subjects.orderPlaced(order.region), orderEventMessageId(event), event);
    if (order.hold) queueHoldAwaitingApproval(rows, this.subjects, order, order.hold, 1, recordedAt);
    return toSnapshot(order);
  }

  /** The order registered under this key, with what a replay answers from: no entity is loaded. */
  private async findByKey(idempotencyKey: string): Promise<(SnapshotFields & { requestHash: string }) | null> {
    const [row] = await queryRows<KnownOrderRow>(
      this.orm.em,
      `select id, number, region, status, version, grand_total, currency, request_hash from "${CORE_SCHEMA}"."order" where idempotency_key = ?`,
      [idempotencyKey],
    );
    return row
      ? {
          id: row.id,
          number: row.number,
          region: row.region,
          status: row.status,
          version: row.version,
          grandTotal: Number(row.grand_total),
          currency: row.currency,
          requestHash: row.request_hash,
        }
      : null;
  }

  private replay(existing: SnapshotFields & { requestHash: string }, requestHash: string): OrderSnapshot {
    if (existing.requestHash !== requestHash) {
      throw new ConflictError('This idempotency key was already used for a different order', { field: 'idempotencyKey' });
    }
    return toSnapshot(existing);
  }
}

interface KnownOrderRow {
  id: string;
  number: string;
  region: string;
  status: OrderStatus;
  version: number;
  grand_total: string | number;
  currency: string;
  request_hash: string;
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
