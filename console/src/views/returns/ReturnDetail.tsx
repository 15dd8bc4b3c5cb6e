import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { href } from '../../app/router';
import type { CnIncompleteReason, ConsoleReturnFieldsFragment, ConsoleReturnDetailQuery } from '../../gql/graphql';
import { formatMoney, formatTime, humanise } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice, UserErrors } from '../../ui/ProblemNotice';
import {
  BookPickup,
  CancelPickup,
  Inspect,
  OpenSlots,
  PickupSlotsQuery,
  RequestReturn,
  ReturnDetailQuery,
  ScanPickup,
  Settle,
  Withdraw,
} from './return-documents';
import { actionsFor, nextDaySlots, RETURN_STEPS, stepReached } from './return-steps';

type Order = NonNullable<ConsoleReturnDetailQuery['order']>;
type UserErrorList = ReadonlyArray<{ code: string; field?: ReadonlyArray<string> | null; message: string }>;
// A step answers with the return itself, which updates the view at once; core's status (the work list) moves
// with it, so both are read again after it, in the background: a refetch that never settles (superseded by the
// next step's) must not keep the buttons disabled.
const REFETCH = { refetchQueries: ['ConsoleReturnDetail', 'ConsoleReturns'] };

/** One CN order's returns: ask for one, then book the pickup, collect, inspect and settle, one step at a time. */
export function ReturnDetail({ orderId }: { orderId: string }) {
  const { data, loading, error, dataState } = useQuery(ReturnDetailQuery, { variables: { id: orderId }, fetchPolicy: 'cache-and-network' });
  const order = data?.order;
  return (
    <section aria-labelledby="return-title" data-testid="return-detail">
      <p>
        <a href={href('/returns')}>← All returns</a>
      </p>
      <h1 id="return-title">Returns of order {order?.number ?? ''}</h1>
      {loading && dataState !== 'complete' ? <Loading what="the order's returns" /> : null}
      <ProblemNotice problems={problemsOf(error)} />
      {data && !order && !error ? <p className="empty">There is no such order, or your role may not see it.</p> : null}
      {order ? (
        <>
          <p className="meta">
            {order.customerRef} · order status {humanise(order.status)}
            {order.cn?.shippingAddress ? ` · pickup district ${order.cn.shippingAddress.district}` : ''}
          </p>
          {(order.cn?.returns ?? []).map((entry) => (
            <ReturnFlow key={entry.id} entry={entry} order={order} />
          ))}
          <RequestForm order={order} />
        </>
      ) : null}
    </section>
  );
}

function RequestForm({ order }: { order: Order }) {
  const eligible = (order.cn?.returnEligibility ?? []).filter((line) => line.eligible && line.returnableQuantity > 0);
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  // One key per request a person prepares: a retried click cannot create a second return.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [request, requested] = useMutation(RequestReturn, REFETCH);
  const lines = Object.entries(quantities)
    .map(([lineNo, quantity]) => ({ lineNo: Number(lineNo), quantity }))
    .filter((line) => line.quantity > 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void request({ variables: { input: { orderId: order.id, idempotencyKey, lines } } });
  };
  const why = (order.cn?.returnEligibility ?? []).filter((line) => !line.eligible);
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="request-title" data-testid="return-request">
      <h2 id="request-title">Ask for a return</h2>
      {eligible.length === 0 ? <p className="empty">No line can be returned now.</p> : null}
      {eligible.map((line) => {
        const orderLine = order.lines.find((candidate) => candidate.lineNo === line.lineNo);
        return (
          <div key={line.lineNo} className="field-row">
            <label htmlFor={`return-line-${line.lineNo}`}>
              Line {line.lineNo}: {orderLine?.name ?? orderLine?.sku} (up to {line.returnableQuantity}, last day {line.lastDay ?? '—'})
            </label>
            <input
              id={`return-line-${line.lineNo}`}
              type="number"
              min={0}
              max={line.returnableQuantity}
              value={quantities[line.lineNo] ?? 0}
              onChange={(event) => setQuantities({ ...quantities, [line.lineNo]: Number(event.target.value) })}
            />
          </div>
        );
      })}
      {why.length ? <p className="meta">Not returnable: {why.map((line) => `line ${line.lineNo} (${humanise(line.reason)})`).join(', ')}</p> : null}
      <button type="submit" disabled={lines.length === 0 || requested.loading}>
        Request return
      </button>
      <UserErrors errors={requested.data?.cnReturnRequest.userErrors} />
      <ProblemNotice problems={problemsOf(requested.error)} compact />
    </form>
  );
}

function Stepper({ entry }: { entry: ConsoleReturnFieldsFragment }) {
  const reached = stepReached(entry.state);
  return (
    <ol className="stepper" aria-label="Steps of this return">
      {RETURN_STEPS.map((step, i) => (
        <li key={step.key} className={i <= reached ? 'done' : 'todo'} aria-current={i === reached + 1 ? 'step' : undefined}>
          {step.label}
          <span className="sr-only">{i <= reached ? ' (done)' : ' (to do)'}</span>
        </li>
      ))}
    </ol>
  );
}

function ReturnFlow({ entry, order }: { entry: ConsoleReturnFieldsFragment; order: Order }) {
  const step = { variables: { input: { returnId: entry.id, expectedVersion: entry.version } } };
  const [withdraw, withdrawn] = useMutation(Withdraw, REFETCH);
  const [cancel, cancelled] = useMutation(CancelPickup, REFETCH);
  const [scan, scanned] = useMutation(ScanPickup, REFETCH);
  const [settle, settled] = useMutation(Settle, REFETCH);
  const outcomes = [withdrawn, cancelled, scanned, settled];
  const busy = outcomes.some((outcome) => outcome.loading);
  const actions = actionsFor(entry.state);
  return (
    <article className="panel return" data-testid="return" data-state={entry.state} aria-labelledby={`return-${entry.id}`}>
      <h2 id={`return-${entry.id}`}>
        Return requested {formatTime(entry.requestedAt)} ·{' '}
        <span className={`state state-${entry.state.toLowerCase()}`} data-testid="return-state">
          {humanise(entry.state)}
        </span>
      </h2>
      <Stepper entry={entry} />
      <ul className="plain">
        {entry.lines.map((line) => (
          <li key={line.id}>
            Line {line.lineNo} × {line.quantity}
            {line.complete === null || line.complete === undefined
              ? ''
              : line.complete
                ? ' · complete'
                : ` · not complete (${humanise(line.incompleteReason ?? 'UNKNOWN')})`}
          </li>
        ))}
      </ul>
      {entry.pickup ? (
        <p data-testid="return-pickup">
          Pickup {humanise(entry.pickup.state)}: {formatTime(entry.pickup.slot.startsAt)} – {formatTime(entry.pickup.slot.endsAt)} in{' '}
          {entry.pickup.slot.district}
          {entry.pickup.fee ? ` · fee ${formatMoney(entry.pickup.fee, order.currency)}` : ' · free'}
        </p>
      ) : null}
      {entry.refund ? (
        <p data-testid="return-refund">
          Refunded {formatMoney(entry.refund.amount, entry.refund.currency)} on {formatTime(entry.refund.issuedAt)}
          {entry.refund.late ? ' (after its deadline)' : ''}
        </p>
      ) : entry.refundDueBefore ? (
        <p>Refund due before {formatTime(entry.refundDueBefore)}</p>
      ) : null}
      {entry.coreRejection ? <p className="notice">Core refused a step: {entry.coreRejection}</p> : null}
      {actions.includes('book') ? <PickupBooking entry={entry} order={order} /> : null}
      {actions.includes('inspect') ? <InspectionForm entry={entry} /> : null}
      <div className="task-actions">
        {actions.includes('scan') ? (
          <button type="button" disabled={busy} onClick={() => void scan(step)}>
            Record courier pickup
          </button>
        ) : null}
        {actions.includes('settle') ? (
          <button type="button" disabled={busy} onClick={() => void settle(step)}>
            Settle and refund
          </button>
        ) : null}
        {actions.includes('cancel-pickup') ? (
          <button type="button" disabled={busy} onClick={() => void cancel(step)}>
            Cancel pickup
          </button>
        ) : null}
        {actions.includes('withdraw') ? (
          <button type="button" disabled={busy} onClick={() => void withdraw(step)}>
            Withdraw return
          </button>
        ) : null}
      </div>
      {outcomes.map((outcome, i) => (
        <Outcome key={i} userErrors={outcome.data?.step.userErrors} error={outcome.error} />
      ))}
    </article>
  );
}

function Outcome({ userErrors, error }: { userErrors: UserErrorList | undefined; error: unknown }) {
  return (
    <>
      <UserErrors errors={userErrors} />
      <ProblemNotice problems={problemsOf(error)} compact />
    </>
  );
}

function PickupBooking({ entry, order }: { entry: ConsoleReturnFieldsFragment; order: Order }) {
  const slots = useQuery(PickupSlotsQuery, { variables: { returnId: entry.id }, fetchPolicy: 'cache-and-network' });
  const [open, opened] = useMutation(OpenSlots, { refetchQueries: ['ConsolePickupSlots'], awaitRefetchQueries: true });
  const [book, booked] = useMutation(BookPickup, REFETCH);
  const [slotId, setSlotId] = useState('');
  const address = order.cn?.shippingAddress;
  const offer = () => {
    if (!address) return;
    void open({ variables: { input: { province: address.province, city: address.city, district: address.district, slots: nextDaySlots(new Date()) } } });
  };
  const nodes = slots.data?.cnPickupSlotsConnection.nodes ?? [];
  return (
    <fieldset className="slots" data-testid="pickup-slots">
      <legend>Door pickup slots</legend>
      {slots.loading && !slots.data ? <Loading what="pickup slots" /> : null}
      <ProblemNotice problems={problemsOf(slots.error)} compact />
      {slots.data && nodes.length === 0 ? <p className="empty">No slot has a place left in this district.</p> : null}
      {nodes.map((slot) => (
        <label key={slot.id} className="choice">
          <input type="radio" name={`slot-${entry.id}`} value={slot.id} checked={slotId === slot.id} onChange={() => setSlotId(slot.id)} />
          {formatTime(slot.startsAt)} – {formatTime(slot.endsAt)} · {slot.remaining} left · {slot.fee ? formatMoney(slot.fee, order.currency) : 'free'}
        </label>
      ))}
      <div className="task-actions">
        <button
          type="button"
          disabled={!slotId || booked.loading}
          onClick={() => void book({ variables: { input: { returnId: entry.id, expectedVersion: entry.version, slotId } } })}
        >
          Book pickup
        </button>
        <button type="button" disabled={!address || opened.loading} onClick={offer}>
          Offer next-day slots in {address?.district ?? 'the district'}
        </button>
      </div>
      <Outcome userErrors={opened.data?.cnPickupSlotsOpen.userErrors} error={opened.error} />
      <Outcome userErrors={booked.data?.cnReturnPickupSchedule.userErrors} error={booked.error} />
    </fieldset>
  );
}

/**
 * Every reason the API takes, in the order inspectors read them. A record over the API's enum, so the console's build
 * fails when region-cn adds or drops a reason instead of the form silently offering a stale list.
 */
const LISTED: Record<CnIncompleteReason, true> = {
  SEAL_BROKEN: true,
  MEDIA_UNSEALED: true,
  UNAUTHORISED_REPAIR_OR_ALTERATION: true,
  CERTIFICATION_MARK_OR_SERIAL_DAMAGED: true,
  HARD_TO_RESTORE_WEAR: true,
  ACTIVATED_OR_PERSONAL_DATA_LEFT: true,
  TAGS_REMOVED: true,
  SOILED_OR_DAMAGED: true,
  PARTS_OR_ACCESSORIES_MISSING: true,
  USED_BEYOND_INSPECTION: true,
};
const REASONS = Object.keys(LISTED) as CnIncompleteReason[];

function InspectionForm({ entry }: { entry: ConsoleReturnFieldsFragment }) {
  const [found, setFound] = useState<Record<number, { complete: boolean; reason: CnIncompleteReason }>>({});
  const [inspect, inspected] = useMutation(Inspect, REFETCH);
  const of = (lineNo: number) => found[lineNo] ?? { complete: true, reason: 'SOILED_OR_DAMAGED' as CnIncompleteReason };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const lines = entry.lines.map((line) => {
      const finding = of(line.lineNo);
      return { lineNo: line.lineNo, complete: finding.complete, ...(finding.complete ? {} : { reason: finding.reason }) };
    });
    void inspect({ variables: { input: { returnId: entry.id, expectedVersion: entry.version, lines } } });
  };
  return (
    <form onSubmit={submit} data-testid="inspection">
      <fieldset>
        <legend>Inspection on receipt</legend>
        {entry.lines.map((line) => {
          const finding = of(line.lineNo);
          return (
            <div key={line.id} className="field-row">
              <label className="choice">
                <input
                  type="checkbox"
                  checked={finding.complete}
                  onChange={(event) => setFound({ ...found, [line.lineNo]: { ...finding, complete: event.target.checked } })}
                />
                Line {line.lineNo} complete
              </label>
              {finding.complete ? null : (
                <>
                  <label htmlFor={`reason-${line.id}`}>Why not complete</label>
                  <select
                    id={`reason-${line.id}`}
                    value={finding.reason}
                    onChange={(event) => setFound({ ...found, [line.lineNo]: { ...finding, reason: event.target.value as CnIncompleteReason } })}
                  >
                    {REASONS.map((reason) => (
                      <option key={reason} value={reason}>
                        {humanise(reason)}
                      </option>
                    ))}
                  </select>
                </>
              )}
            </div>
          );
        })}
        <button type="submit" disabled={inspected.loading}>
          Record inspection
        </button>
      </fieldset>
      <Outcome userErrors={inspected.data?.step.userErrors} error={inspected.error} />
    </form>
  );
}
