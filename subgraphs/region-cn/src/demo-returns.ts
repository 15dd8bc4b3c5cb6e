import type { DemoSeedContext } from '@hub/shared/demo/demo-seed';

/** Where each demo return is left, in turn: the returns lists then show open work and settled and closed returns. */
export const DEMO_RETURN_ENDS = ['REFUNDED', 'REQUESTED', 'REJECTED', 'WITHDRAWN', 'RECEIVED'] as const;
export type DemoReturnEnd = (typeof DEMO_RETURN_ENDS)[number];

const FIELDS = 'return { id version state } userErrors { code message }';
const REQUEST = `mutation($input: RequestCnReturnInput!) { step: cnReturnRequest(input: $input) { ${FIELDS} refusal { reason } } }`;
const WITHDRAW = `mutation($input: CnReturnStepInput!) { step: cnReturnWithdraw(input: $input) { ${FIELDS} } }`;
const INSPECT = `mutation($input: InspectCnReturnInput!) { step: cnReturnInspect(input: $input) { ${FIELDS} } }`;
const SETTLE = `mutation($input: CnReturnStepInput!) { step: cnReturnSettle(input: $input) { ${FIELDS} } }`;

interface Step {
  return: { id: string; version: number; state: string } | null;
  userErrors: Array<{ code: string; message: string }>;
  refusal?: { reason: string } | null;
}

/**
 * Asks for a return of one unit of line 1 of each signed order (as its customer) and takes it to the state `ends`
 * names, as the warehouse and an operator would: the customer sends the parcel back (no door pickup), the warehouse
 * inspects it, an operator settles. Idempotent per order through the request's key.
 */
export async function seedDemoReturns(
  context: DemoSeedContext,
  orders: ReadonlyArray<{ id: string; customerRef: string }>,
  ends: readonly DemoReturnEnd[] = DEMO_RETURN_ENDS,
): Promise<void> {
  const warehouse = await context.token({ subject: 'demo-warehouse-cn', role: 'warehouse', regions: ['cn'] });
  const operator = await context.token({ subject: 'demo-operator-cn', role: 'operator', regions: ['cn'] });
  for (const [i, order] of orders.entries()) {
    const end = ends[i % ends.length]!;
    const customer = await context.token({ subject: order.customerRef, role: 'customer', regions: ['cn'] });
    let ret = await requestOnceSigned(context, customer, order.id);
    if (ret.state !== 'REQUESTED') continue;
    if (end === 'REQUESTED') continue;
    if (end === 'WITHDRAWN') {
      await step(context, customer, WITHDRAW, { returnId: ret.id, expectedVersion: ret.version });
      continue;
    }
    const complete = end !== 'REJECTED';
    const line = complete ? { lineNo: 1, complete } : { lineNo: 1, complete, reason: 'SOILED_OR_DAMAGED', note: 'Demo: came back stained.' };
    ret = await step(context, warehouse, INSPECT, { returnId: ret.id, expectedVersion: ret.version, lines: [line] });
    if (end === 'RECEIVED') continue;
    await step(context, operator, SETTLE, { returnId: ret.id, expectedVersion: ret.version });
  }
}

async function step(context: DemoSeedContext, token: string, mutation: string, input: Record<string, unknown>): Promise<NonNullable<Step['return']>> {
  const { step: answer } = await context.graphql<{ step: Step }>(token, mutation, { input });
  if (!answer.return) throw new Error(`demo return step refused: ${JSON.stringify(answer.userErrors)}`);
  return answer.return;
}

/**
 * The region learns that an order was signed for from core's event, a moment after core moved it: until then the
 * 7-day window has not started, and the request is retried (bounded, same key).
 */
async function requestOnceSigned(context: DemoSeedContext, customer: string, orderId: string, attempts = 120): Promise<NonNullable<Step['return']>> {
  const input = { orderId, idempotencyKey: `demo-return-${orderId}`, lines: [{ lineNo: 1, quantity: 1 }] };
  for (let attempt = 1; ; attempt += 1) {
    const { step: answer } = await context.graphql<{ step: Step }>(customer, REQUEST, { input });
    if (answer.return) return answer.return;
    if (attempt >= attempts || answer.refusal?.reason !== 'WINDOW_NOT_STARTED')
      throw new Error(`demo return refused: ${JSON.stringify(answer.refusal ?? answer.userErrors)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
