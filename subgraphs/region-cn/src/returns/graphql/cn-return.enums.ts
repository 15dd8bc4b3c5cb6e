import { registerEnumType } from 'type-graphql';
import { INCOMPLETE_REASONS, type IncompleteReason } from '../../rules/inspection.rules.js';
import { ELIGIBILITY_REASONS, type EligibilityReason } from '../../rules/return-eligibility.rules.js';
import { RETURN_LIST_SORTS, type ReturnListSort } from '../../rules/return-list.rules.js';
import { RETURN_STATES, type ReturnState } from '../../rules/return-steps.rules.js';
import { REFUND_DESTINATIONS, type RefundDestination } from '../persistence/cn-return.entity.js';

const enumOf = <const T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const CnReturnStateEnum = enumOf<ReturnState>(RETURN_STATES);
registerEnumType(CnReturnStateEnum, {
  name: 'CnReturnState',
  description: 'Where a 7-day no-reason return is.',
  valuesConfig: {
    REQUESTED: { description: 'Asked for; no pickup booked yet.' },
    PICKUP_SCHEDULED: { description: 'A door pickup is booked.' },
    PICKED_UP: { description: 'The courier collected the goods.' },
    RECEIVED: { description: 'The warehouse received and inspected the goods; the refund is due.' },
    REFUNDED: { description: 'The refund was issued.' },
    REJECTED: { description: 'No returned line was complete; nothing is refunded.' },
    WITHDRAWN: { description: 'The customer withdrew the return before pickup.' },
    REFUSED_BY_CORE: { description: 'Core refused to record the request (see coreRejection); the units can be returned again.' },
  },
});

export const CnReturnEligibilityReasonEnum = enumOf<EligibilityReason>(ELIGIBILITY_REASONS);
registerEnumType(CnReturnEligibilityReasonEnum, {
  name: 'CnReturnEligibilityReason',
  description: 'Why a line can or cannot be returned without reason now.',
  valuesConfig: {
    ELIGIBLE: { description: 'Returnable: send the request before the deadline.' },
    ELIGIBLE_WHILE_SEALED: { description: 'Audio-visual goods or software: returnable only if the customer has not unsealed them.' },
    WINDOW_NOT_STARTED: { description: 'The customer has not signed for the goods yet.' },
    WINDOW_EXPIRED: { description: 'More than seven days (CST) passed since the day of signing.' },
    RETURN_IN_PROGRESS: { description: 'Another return of this order is open; finish or withdraw it first.' },
    EXCLUDED_CUSTOM_MADE: { description: "Made to the customer's order (CRPL art. 25(1))." },
    EXCLUDED_FRESH_PERISHABLE: { description: 'Fresh, live or perishable (CRPL art. 25(1)).' },
    EXCLUDED_DIGITAL_DOWNLOAD: { description: 'Digital goods downloaded online (CRPL art. 25(1)).' },
    EXCLUDED_NEWSPAPER_PERIODICAL: { description: 'Delivered newspapers and periodicals (CRPL art. 25(1)).' },
    EXCLUDED_UNSEALING_AFFECTS_SAFETY_OR_QUALITY: {
      description: 'Confirmed at purchase: unsealing affects safety, health or quality (Interim Measures art. 7).',
    },
    EXCLUDED_ACTIVATION_OR_TRIAL_DEVALUES: { description: 'Confirmed at purchase: loses much of its value once activated or tried (Interim Measures art. 7).' },
    EXCLUDED_DISCLOSED_NEAR_EXPIRY_OR_DEFECT: { description: 'Confirmed at purchase: sold with a disclosed near expiry or defect (Interim Measures art. 7).' },
    ALREADY_RETURNED: { description: 'Every unit of the line is in an open or refunded return.' },
    QUANTITY_EXCEEDS_RETURNABLE: { description: 'Only in refusals: more units were asked for than can still be returned.' },
  },
});

export const CnIncompleteReasonEnum = enumOf<IncompleteReason>(INCOMPLETE_REASONS);
registerEnumType(CnIncompleteReasonEnum, {
  name: 'CnIncompleteReason',
  description: 'Why returned goods are not complete (Interim Measures art. 8–9). Opening the packaging to inspect is never one.',
  valuesConfig: {
    SEAL_BROKEN: { description: 'A protective seal the goods were sold with is broken.' },
    MEDIA_UNSEALED: { description: 'Audio-visual media or software was unsealed.' },
    UNAUTHORISED_REPAIR_OR_ALTERATION: { description: 'Repaired or altered without authorisation.' },
    CERTIFICATION_MARK_OR_SERIAL_DAMAGED: { description: 'A certification mark or serial number is damaged or removed.' },
    HARD_TO_RESTORE_WEAR: { description: 'Worn beyond what can be restored.' },
    ACTIVATED_OR_PERSONAL_DATA_LEFT: { description: 'Activated, or personal data left on the device.' },
    TAGS_REMOVED: { description: 'Tags or labels were removed.' },
    SOILED_OR_DAMAGED: { description: 'Soiled or damaged.' },
    PARTS_OR_ACCESSORIES_MISSING: { description: 'Parts, accessories or gifts sold with it are missing.' },
    USED_BEYOND_INSPECTION: { description: 'Used beyond what inspecting it needs.' },
  },
});

export const CnRefundDestinationEnum = enumOf<RefundDestination>(REFUND_DESTINATIONS);
registerEnumType(CnRefundDestinationEnum, {
  name: 'CnRefundDestination',
  description: 'The original payment channel, or another the customer explicitly chose.',
  valuesConfig: {
    ORIGINAL_PAYMENT: { description: 'Back to the payment channel the customer paid with.' },
    CUSTOMER_CHOSEN: { description: 'Another destination the customer chose, with explicit consent.' },
  },
});

export const CnReturnListSortEnum = enumOf<ReturnListSort>(RETURN_LIST_SORTS);
registerEnumType(CnReturnListSortEnum, {
  name: 'CnReturnListSort',
  description: 'The order of a list of returns, by when the customer asked; ties keep a stable order by return id.',
  valuesConfig: {
    NEWEST_FIRST: { description: 'The latest request first.' },
    OLDEST_FIRST: { description: 'The earliest request first: the longest-waiting work on top.' },
  },
});
