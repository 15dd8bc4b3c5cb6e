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
