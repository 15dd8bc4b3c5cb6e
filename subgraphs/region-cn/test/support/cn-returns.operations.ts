/** The GraphQL operations the return tests send, as a client would. */
export const RETURN_FIELDS = `id orderId state version coreRejection requestedAt windowClosesBefore receivedAt refundDueBefore refundDestination
  lines { lineNo quantity complete incompleteReason packagingOpened }
  pickup { state fee feeConsentedAt slot { id remaining } }
  giftsToReturn { giftNo kind declaredValue }
  refund { amount goodsAmount giftDeduction pickupFeeDeduction late destination lines { lineNo quantity amount } }`;

export const REQUEST = `mutation($input: RequestCnReturnInput!) { requestCnReturn(input: $input) {
  __typename ... on CnReturn { ${RETURN_FIELDS} } ... on CnReturnRefused { lineNo reason returnableQuantity eligibility { lineNo reason } } } }`;
export const OPEN_SLOTS = `mutation($input: OpenCnPickupSlotsInput!) { openCnPickupSlots(input: $input) { id fee capacity remaining } }`;
export const SCHEDULE = `mutation($input: BookCnReturnPickupInput!) { scheduleCnReturnPickup(input: $input) {
  __typename ... on CnReturn { ${RETURN_FIELDS} } ... on CnPickupSlotUnavailable { slotId reason } } }`;
export const RESCHEDULE = SCHEDULE.replace('scheduleCnReturnPickup', 'rescheduleCnReturnPickup');
export const CANCEL_PICKUP = `mutation($input: CnReturnStepInput!) { cancelCnReturnPickup(input: $input) { ${RETURN_FIELDS} } }`;
export const WITHDRAW = `mutation($input: CnReturnStepInput!) { withdrawCnReturn(input: $input) { ${RETURN_FIELDS} } }`;
export const SCAN = `mutation($input: CnReturnStepInput!) { scanCnReturnPickup(input: $input) { ${RETURN_FIELDS} } }`;
export const INSPECT = `mutation($input: InspectCnReturnInput!) { inspectCnReturn(input: $input) { ${RETURN_FIELDS} } }`;
export const SETTLE = `mutation($input: CnReturnStepInput!) { settleCnReturn(input: $input) { ${RETURN_FIELDS} } }`;
export const OVERDUE = `query { cnOverdueRefunds { orderNumber daysOverdue return { id state refundDueBefore } } }`;
export const ORDER_RETURNS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { cn {
  returnEligibility { lineNo eligible reason returnableQuantity deadline lastDay }
  returns { ${RETURN_FIELDS} } } } } }`;

/** The payload mutations that replace the ones above: refusals come back in `userErrors`, never as top-level errors. */
const ERRORS = 'userErrors { code field message }';
export const PAYLOAD = {
  place: `mutation($input: PlaceCnOrderInput!) { cnOrderPlace(input: $input) { order { id } ${ERRORS} } }`,
  openSlots: `mutation($input: OpenCnPickupSlotsInput!) { cnPickupSlotsOpen(input: $input) { slots { id remaining } ${ERRORS} } }`,
  request: `mutation($input: RequestCnReturnInput!) { cnReturnRequest(input: $input) {
    return { id state version } refusal { lineNo reason returnableQuantity } ${ERRORS} } }`,
  schedule: `mutation($input: BookCnReturnPickupInput!) { cnReturnPickupSchedule(input: $input) { return { id state } unavailableSlot { slotId reason } ${ERRORS} } }`,
  reschedule: `mutation($input: BookCnReturnPickupInput!) { cnReturnPickupReschedule(input: $input) { return { id state } unavailableSlot { slotId reason } ${ERRORS} } }`,
  cancelPickup: `mutation($input: CnReturnStepInput!) { cnReturnPickupCancel(input: $input) { return { id state } ${ERRORS} } }`,
  withdraw: `mutation($input: CnReturnStepInput!) { cnReturnWithdraw(input: $input) { return { id state } ${ERRORS} } }`,
  scan: `mutation($input: CnReturnStepInput!) { cnReturnPickupScan(input: $input) { return { id state } ${ERRORS} } }`,
  inspect: `mutation($input: InspectCnReturnInput!) { cnReturnInspect(input: $input) { return { id state version } ${ERRORS} } }`,
  settle: `mutation($input: CnReturnStepInput!) { cnReturnSettle(input: $input) { return { id state refund { amount lines { id } } } ${ERRORS} } }`,
};
export const SLOTS_PAGE = `query($returnId: ID!, $first: Int, $after: String) { cnPickupSlotsConnection(returnId: $returnId, first: $first, after: $after) {
  edges { cursor node { id } } nodes { id startsAt } pageInfo { hasNextPage endCursor } } }`;
export const OVERDUE_PAGE = `query($first: Int, $after: String) { cnOverdueRefundsConnection(first: $first, after: $after) {
  nodes { id daysOverdue return { id } } pageInfo { hasNextPage endCursor } } }`;
