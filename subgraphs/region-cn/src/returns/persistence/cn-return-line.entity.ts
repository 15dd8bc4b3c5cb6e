import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { INCOMPLETE_REASONS } from '../../rules/inspection.rules.js';

/** Units of one order line in a return, and what inspection found. */
export const CnReturnLine = defineEntity({
  name: 'CnReturnLine',
  tableName: 'cn_return_line',
  properties: {
    returnId: p.uuid().primary(),
    lineNo: p.integer().primary(),
    quantity: p.integer(),
    /** Null until inspected. */
    complete: p.boolean().nullable(),
    incompleteReason: p.enum(INCOMPLETE_REASONS).nullable(),
    packagingOpened: p.boolean().nullable(),
    inspectionNote: p.string().length(500).nullable(),
  },
  checks: [{ name: 'cn_return_line_quantity_check', expression: 'quantity > 0' }],
});
export type CnReturnLine = InferEntity<typeof CnReturnLine>;
