import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '../logger.js';
import { commandReplySchema, type CommandReply, type OrderSnapshot } from '../messaging/contracts.js';
import type { Subjects } from '../messaging/subjects.js';
import { traceHeaders } from '../messaging/trace-headers.js';
import { inSpan, SpanKind, untraced, type TraceCarrier } from '../telemetry/trace-context.js';
import { CoreCommandRecord } from './core-command.entity.js';
import { runQueueClaim, sqlInteger } from '../persistence/queue-claim.js';
import { runStatement } from '../persistence/run-statement.js';
import { retryDelayMs } from './retry-delay.js';

export interface CoreRejection {
  code: string;
  message: string;
}

/** A command core has just accepted, as the relay's verdict statement returns it. */
export type AcceptedCommand = Pick<CoreCommandRecord, 'id' | 'commandId' | 'orderId' | 'purpose' | 'sequence'>;

/**
 * What a command's purpose does with core's verdict, in the transaction that records it. `onAccepted` gets every
 * command of its purpose a pass settled as accepted, at once (in the order they were queued), so it can record them
 * in one statement. `onRejected` says what is undone locally when core refuses the command for good; without it only
 * the command shows REJECTED.
 */
export interface CommandOutcomeHandlers {
  onAccepted?: (em: EntityManager, accepted: ReadonlyArray<{ command: AcceptedCommand; order: OrderSnapshot }>) => Promise<void>;
  onRejected?: (em: EntityManager, command: CoreCommandRecord, rejection: CoreRejection) => Promise<void>;
}

export type CommandOutcome = 'accepted' | 'rejected' | 'retry';

export interface CoreCommandRelayOptions {
  nc: NatsConnection;
  orm: MikroORM;
  subjects: Subjects;
  logger: Logger;
  /** The sender's schema, where its `core_command` table lives. */
  schema: string;
  /** The sender's subgraph name, sent with each command. */
  source: string;
  handlers: Record<string, CommandOutcomeHandlers>;
  batchSize?: number;
  /** Fallback poll; `nudge()` after a commit that queued commands, and core's start-up notice, start a pass at once. */
  pollIntervalMs?: number;
  requestTimeoutMs?: number;
  retry?: { baseMs: number; maxMs: number };
  leaseMs?: number;
  /** Called after each attempt is settled; tests wait on it instead of sleeping. */
  onSettled?: (command: Pick<CoreCommandRecord, 'commandId' | 'orderId' | 'purpose' | 'sequence'>, outcome: CommandOutcome) => void;
}

interface ClaimedCommand {
  id: string;
  command_id: string;
  order_id: string;
  sequence: number;
  kind: string;
  purpose: string;
  body: unknown;
  attempts: number;
  trace_context: TraceCarrier | null;
}

/**
 * Sends queued commands to core, one request at a time per order and in their order: only the oldest
 * pending command of each order is claimed, and the next one only after core accepted or refused it. A claim
 * is a lease taken in its own short transaction, so no database transaction is open while core is asked,
 * several relays can run side by side, and a relay that dies hands its commands on when the lease runs out.
 * Core de-duplicates by command id, so a command sent again after a lost answer is applied once.
 */
export class CoreCommandRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private availability: Subscription | undefined;
  private readonly settleWaiters = new Set<() => void>();
  /** Core had no responder: passes wait until then, and each such pass in a row doubles the wait (`retryDelayMs`). */
  private awayUntil = 0;
  private awayPasses = 0;

  constructor(private readonly options: CoreCommandRelayOptions) {}

  start(): void {
    this.stopped = false;
    this.availability = this.options.nc.subscribe(this.options.subjects.coreAvailable, {
      callback: () => void this.retryNow().catch((error: unknown) => this.options.logger.warn({ err: error }, 'could not reschedule commands')),
    });
    this.schedule(0);
  }

  /** Asks for a pass now (coalesced with one already running). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.availability?.unsubscribe();
    clearTimeout(this.timer);
    await this.running;
  }

  /**
   * Sends everything due, order after order; returns how many attempts were made. Tests call it to drain
   * deterministically. A pass that finds core away ends the drain: what is left waits for the relay's back-off.
   */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const attempted = await this.pass();
      total += attempted;
      // Stopping ends the loop too: while core is away, thousands of pending commands come due again faster than a
      // pass reaches the end of them, and `stop()` waits for the running drain.
      if (attempted === 0 || this.stopped || this.awayUntil > Date.now()) return total;
    }
  }

  /**
   * Resolves once no command is pending (each accepted or refused by core), waking on each settled attempt
   * rather than polling; rejects after `timeoutMs`. For tests and for draining before a planned shutdown.
   */
  async whenIdle(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const settledOnce = new Promise<void>((resolve) => this.settleWaiters.add(resolve));
      await this.drain();
      if ((await this.pendingCount()) === 0) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`commands still pending for core: ${await this.describePending()}`);
      // While core is away, the next pass is due when the relay's back-off runs out, whoever runs it.
      const wait = this.awayUntil > Date.now() ? Math.min(remaining, this.awayUntil - Date.now()) : remaining;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([settledOnce, new Promise((resolve) => (timer = setTimeout(resolve, wait)))]);
      clearTimeout(timer);
    }
  }

  private async describePending(): Promise<string> {
    const rows = await this.options.orm.em.fork().find(CoreCommandRecord, { state: 'PENDING' }, { limit: 5, orderBy: { id: 'asc' } });
    return rows.map((row) => `${row.purpose} ${row.commandId} (${row.attempts} attempts: ${row.lastError ?? 'none yet'})`).join('; ');
  }

  private async pendingCount(): Promise<number> {
    const [row] = await this.options.orm.em
      .fork()
      .getConnection()
      .execute<[{ pending: number }]>(`select count(*)::int as pending from "${this.options.schema}".core_command where state = 'PENDING'`);
    return row!.pending;
  }

  /** Core is back: what waits in back-off is due now. */
  private async retryNow(): Promise<void> {
    const { orm, schema } = this.options;
    this.awayUntil = 0;
    this.awayPasses = 0;
    await orm.em
      .fork()
      .getConnection()
      .execute(`update "${schema}".core_command set next_attempt_at = now() where state = 'PENDING' and next_attempt_at > now()`);
    this.nudge();
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = untraced(() =>
      setTimeout(() => {
        this.running = this.drain()
          .then(
            () => undefined,
            (error: unknown) => {
              this.options.logger.warn({ err: error }, 'command relay pass failed; retrying');
            },
          )
          .finally(() => {
            this.running = undefined;
            if (this.stopped) return;
            const rerun = this.again;
            this.again = false;
            const away = this.awayUntil - Date.now();
            this.schedule(away > 0 ? away : rerun ? 0 : (this.options.pollIntervalMs ?? 1_000));
          });
      }, delayMs),
    );
  }

  private async pass(): Promise<number> {
    if (this.awayUntil > Date.now()) return 0;
    const claimed = await this.claim();
    if (claimed.length === 0) return 0;
    const replies = await Promise.all(claimed.map((command) => this.attempt(command)));
    await this.settle(claimed.map((command, index) => ({ command, reply: replies[index]! })));
    return claimed.length;
  }

  /**
   * Leases due commands that are the oldest pending one of their order and not leased by another relay. It walks the
   * pending commands in due order and stops at the batch, so its cost follows the batch, not the backlog.
   */
  private async claim(): Promise<ClaimedCommand[]> {
    const { orm, schema, batchSize = 50, leaseMs = 30_000 } = this.options;
    // The oldest-of-its-order test is a per-row min over the pending index and the outer update goes by primary key:
    // written as joins, a table that grew faster than its statistics got a plan that read every pending row per row.
    return runQueueClaim<ClaimedCommand>(
      orm.em.fork(),
      `update "${schema}".core_command c
          set lease_until = now() + ${sqlInteger(leaseMs)} * interval '1 millisecond', attempts = c.attempts + 1
        where c.id = any(array(
          select due.id from "${schema}".core_command due
           where due.state = 'PENDING' and due.next_attempt_at <= now() and (due.lease_until is null or due.lease_until < now())
             and due.sequence = (select min(prior.sequence) from "${schema}".core_command prior where prior.state = 'PENDING' and prior.order_id = due.order_id)
           order by due.next_attempt_at, due.id limit ${sqlInteger(batchSize)} for update of due skip locked))
       returning c.id, c.command_id, c.order_id, c.sequence, c.kind, c.purpose, c.body, c.attempts, c.trace_context`,
    );
  }

  /** Asks core, in a span of the trace of the change that queued the command. */
  private attempt(command: ClaimedCommand): Promise<Answer> {
    const subject = this.options.subjects.coreCommands(this.options.source);
    const attributes = {
      'messaging.system': 'nats',
      'messaging.destination.name': subject,
      'hub.command.kind': command.kind,
      'hub.command.attempt': command.attempts,
    };
    return inSpan(`send ${command.kind}`, command.trace_context, { kind: SpanKind.PRODUCER, attributes }, (carrier) => this.send(subject, command, carrier));
  }

  private async send(subject: string, command: ClaimedCommand, carrier: TraceCarrier | null): Promise<Answer> {
    const envelope = {
      commandId: command.command_id,
      source: this.options.source,
      orderId: command.order_id,
      sequence: command.sequence,
      kind: command.kind,
      body: command.body,
    };
    try {
      const headers = traceHeaders(carrier);
      const message = await this.options.nc.request(subject, JSON.stringify(envelope), {
        timeout: this.options.requestTimeoutMs ?? 5_000,
        ...(headers ? { headers } : {}),
      });
      return commandReplySchema.parse(message.json());
    } catch (error) {
      // No responder, a timeout or a garbled answer: core may or may not have applied it; sending it again is safe.
      const message = error instanceof Error ? error.message : String(error);
      return { outcome: 'retry', code: 'SERVICE_UNAVAILABLE', message, coreAway: isNoResponders(error) };
    }
  }

  /**
   * Records a pass's verdicts in one transaction: one statement for every command, then the purposes' handlers for
   * the commands it settled. A command settled meanwhile by a relay that took over an expired lease is left alone, so
   * no handler runs twice. When core had no responder at all, the relay backs off as a whole: the other pending
   * commands are not tried one by one against a core that is away.
   */
  private async settle(answers: ReadonlyArray<{ command: ClaimedCommand; reply: Answer }>): Promise<void> {
    const { orm, schema, handlers, retry = DEFAULT_RETRY } = this.options;
    const now = new Date();
    const rows = answers.map(({ command, reply }) => verdictRow(command, reply, now, retry));
    const settled = await orm.em.fork().transactional(async (em) => {
      // The ids are given for `c` too: joined to the verdicts alone, it was read through the pending index, every
      // pending command on every pass (274 rows for a batch of 50 at 200 orders/s; a backlog's worth while core is away).
      const updated = await runStatement<SettledRow>(
        em,
        `update "${schema}".core_command c
            set state = r.state, settled_at = r.settled_at, lease_until = null,
                next_attempt_at = coalesce(r.next_attempt_at, c.next_attempt_at),
                last_error = case when r.state = 'ACCEPTED' then null else coalesce(r.last_error, c.last_error) end,
                rejection_code = r.rejection_code, rejection_message = r.rejection_message
           from jsonb_to_recordset($1::jsonb) as r(id bigint, state text, settled_at timestamptz, next_attempt_at timestamptz, last_error text,
                rejection_code text, rejection_message text)
          where c.id = r.id and c.id = any($2::bigint[]) and c.state = 'PENDING'
      returning c.id, c.command_id, c.order_id, c.purpose, c.sequence, c.attempts`,
        [JSON.stringify(rows), rows.map((row) => row.id)],
      );
      const replyOf = new Map(answers.map(({ command, reply }) => [String(command.id), reply]));
      // Accepted ones by purpose, from the verdict statement's rows: no command is loaded as an entity.
      const accepted = new Map<string, Array<{ command: AcceptedCommand; order: OrderSnapshot }>>();
      const rejected: string[] = [];
      for (const row of [...updated].sort((a, b) => Number(a.id) - Number(b.id))) {
        const reply = replyOf.get(String(row.id))!;
        const handler = handlers[row.purpose];
        if (reply.outcome === 'accepted' && handler?.onAccepted) {
          const command = { id: Number(row.id), commandId: row.command_id, orderId: row.order_id, purpose: row.purpose, sequence: row.sequence };
          const ofPurpose = accepted.get(row.purpose) ?? [];
          accepted.set(row.purpose, ofPurpose);
          ofPurpose.push({ command, order: reply.order });
        } else if (reply.outcome === 'rejected' && handler?.onRejected) rejected.push(row.id);
      }
      for (const [purpose, commands] of accepted) await handlers[purpose]!.onAccepted!(em, commands);
      if (rejected.length > 0) {
        const records = await em.find(CoreCommandRecord, { id: { $in: rejected.map(Number) } }, { orderBy: { id: 'asc' } });
        for (const record of records) {
          const reply = replyOf.get(String(record.id))!;
          if (reply.outcome === 'rejected') await handlers[record.purpose]!.onRejected!(em, record, { code: reply.code, message: reply.message.slice(0, 500) });
        }
      }
      if (accepted.size > 0 || rejected.length > 0) await em.flush();
      return updated;
    });
    const away = answers.some(({ reply }) => reply.outcome === 'retry' && reply.coreAway);
    if (away) this.backOff(answers.length);
    else if (answers.length > 0) this.awayPasses = 0;
    const replyOf = new Map(answers.map(({ command, reply }) => [String(command.id), reply]));
    for (const row of settled) {
      const reply = replyOf.get(String(row.id))!;
      const command = { commandId: row.command_id, orderId: row.order_id, purpose: row.purpose, sequence: row.sequence };
      if (!(reply.outcome === 'retry' && reply.coreAway)) this.log(command, row.attempts, reply);
      this.options.onSettled?.(command, reply.outcome);
    }
    const waiters = [...this.settleWaiters];
    this.settleWaiters.clear();
    waiters.forEach((wake) => wake());
  }

  /** Core is away: no pass before the relay's own back-off has run out (or core says it is back). */
  private backOff(tried: number): void {
    this.awayPasses += 1;
    const delayMs = retryDelayMs(this.awayPasses, this.options.retry ?? DEFAULT_RETRY);
    this.awayUntil = Date.now() + delayMs;
    if (this.awayPasses % 10 === 1) this.options.logger.warn({ tried, awayPasses: this.awayPasses, delayMs }, 'core has no responder; commands wait');
  }

  private log(command: Pick<CoreCommandRecord, 'commandId' | 'orderId' | 'purpose'>, attempts: number, reply: CommandReply): void {
    const context = { commandId: command.commandId, orderId: command.orderId, purpose: command.purpose, attempts };
    if (reply.outcome === 'rejected') this.options.logger.warn({ ...context, code: reply.code }, 'core refused a command');
    else if (reply.outcome === 'retry' && attempts % 10 === 1)
      this.options.logger.warn({ ...context, code: reply.code }, 'core did not take a command; retrying with back-off');
  }
}

const DEFAULT_RETRY = { baseMs: 500, maxMs: 30_000 };

/** Core's answer, or the relay's own `retry` when none came; `coreAway` when nothing listens on core's subject. */
type Answer = Exclude<CommandReply, { outcome: 'retry' }> | (Extract<CommandReply, { outcome: 'retry' }> & { coreAway?: boolean });

interface SettledRow {
  id: string;
  command_id: string;
  order_id: string;
  purpose: string;
  sequence: number;
  attempts: number;
}

/** What one verdict changes on the command's row; a retry waits by the command's own back-off. */
function verdictRow(command: ClaimedCommand, reply: Answer, now: Date, retry: { baseMs: number; maxMs: number }) {
  const base = { id: command.id, settled_at: null, next_attempt_at: null, last_error: null, rejection_code: null, rejection_message: null };
  if (reply.outcome === 'accepted') return { ...base, state: 'ACCEPTED', settled_at: now.toISOString() };
  if (reply.outcome === 'rejected')
    return { ...base, state: 'REJECTED', settled_at: now.toISOString(), rejection_code: reply.code, rejection_message: reply.message.slice(0, 500) };
  return {
    ...base,
    state: 'PENDING',
    next_attempt_at: new Date(now.getTime() + retryDelayMs(command.attempts, retry)).toISOString(),
    last_error: `${reply.code}: ${reply.message}`.slice(0, 500),
  };
}

/** NATS answered that nobody listens on the subject (core is not running), rather than a timeout or a bad reply. */
function isNoResponders(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause.name === 'NoResponders' || (cause as Error & { isNoResponders?: () => boolean }).isNoResponders?.() === true) return true;
  }
  return false;
}
