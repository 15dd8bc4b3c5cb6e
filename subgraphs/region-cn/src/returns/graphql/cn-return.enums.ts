import { registerEnumType } from 'type-graphql';
import { INCOMPLETE_REASONS, type IncompleteReason } from '../../rules/inspection.rules.js';
import { ELIGIBILITY_REASONS, type EligibilityReason } from '../../rules/return-eligibility.rules.js';
import { RETURN_STATES, type ReturnState } from '../../rules/return-steps.rules.js';
import { REFUND_DESTINATIONS, type RefundDestination } from '../persistence/cn-return.entity.js';

const enumOf = <const T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const CnReturnStateEnum = enumOf<ReturnState>(RETURN_STATES);
registerEnumType(CnReturnStateEnum, {
  name: 'CnReturnState',
  description: 'Where a 7-day no-reason return is.',
  valuesConfig: { REFUSED_BY_CORE: { description: 'Core refused to record the request (see coreRejection); the units can be returned again.' } },
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
    ALREADY_RETURNED: { description: 'Every unit of the line is in an open or refunded return.' },
    QUANTITY_EXCEEDS_RETURNABLE: { description: 'Only in refusals: more units were asked for than can still be returned.' },
  },
});

export const CnIncompleteReasonEnum = enumOf<IncompleteReason>(INCOMPLETE_REASONS);
registerEnumType(CnIncompleteReasonEnum, {
  name: 'CnIncompleteReason',
  description: 'Why returned goods are not complete (Interim Measures art. 8–9). Opening the packaging to inspect is never one.',
});

export const CnRefundDestinationEnum = enumOf<RefundDestination>(REFUND_DESTINATIONS);
registerEnumType(CnRefundDestinationEnum, { name: 'CnRefundDestination', description: 'The original payment channel, or another the customer explicitly chose.' });
