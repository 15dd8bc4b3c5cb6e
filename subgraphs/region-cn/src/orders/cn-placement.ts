import { DomainError } from '@hub/shared/errors';
import type { RowBatch } from '@hub/shared/persistence/insert-rows';
import type { PlacementStages, PricedPlacement } from '@hub/shared/region/placement/placement-pipeline';
import type { LineProductFacts } from '../rules/line-return-class.rules.js';
import { lineReturnTerms } from '../rules/line-return-class.rules.js';
import { CnOrderContact } from './cn-order-contact.entity.js';
import { CnOrderGift } from './cn-order-gift.entity.js';
import { CnOrderLine } from './cn-order-line.entity.js';
import type { PlaceCnOrderInput } from './cn-order.input.js';
import { assertValidReturnTerms } from './cn-return-terms.js';

type CnPlacement = PricedPlacement<PlaceCnOrderInput, void>;

/**
 * region-cn's placement stages: the declared return terms are checked as sent, the lines are priced in CNY for a
 * mainland address, each line's return exclusion comes from its product's return class, and the contact, lines and
 * gifts are stored with the order.
 */
export const cnPlacementStages: PlacementStages<PlaceCnOrderInput, void> = {
  validate: ({ details }) => assertValidReturnTerms(details),
  pricing: () => ({ currency: 'CNY', destination: { country: 'CN' }, customerType: 'CONSUMER', vatIdCountry: null, destinationPath: 'shippingAddress' }),
  rules: [
    ({ request, priced }) => {
      priced.lines.forEach((line, index) => {
        const declaredAt = (request.details.returnPolicies ?? []).findIndex((policy) => policy.lineNo === index + 1);
        const terms = lineReturnTerms(line.attributes as unknown as LineProductFacts, request.details.returnPolicies?.[declaredAt] ?? null);
        if (!terms.ok) {
          throw new DomainError('BAD_USER_INPUT', terms.message, { field: `returnPolicies.${declaredAt}.exclusion`, rule: 'RETURN_CLASS_NOT_ALLOWED' });
        }
      });
    },
  ],
  deliveryAddress: ({ details: { shippingAddress: a } }) => [a.province, a.city, a.district, a.street, a.postalCode],
  store: (rows, orderId, placement) => storeCnOrder(rows, orderId, placement),
};

function storeCnOrder(rows: RowBatch, orderId: string, { request, priced }: CnPlacement): void {
  const { customer, shippingAddress: address, returnPolicies, gifts } = request.details;
  rows.add(CnOrderContact, {
    orderId,
    customerName: customer.name,
    customerPhone: customer.phone,
    recipientName: address.recipientName,
    recipientPhone: address.recipientPhone,
    province: address.province,
    city: address.city,
    district: address.district,
    street: address.street,
    postalCode: address.postalCode ?? null,
  });
  priced.lines.forEach((line, index) => {
    const declared = returnPolicies?.find((policy) => policy.lineNo === index + 1) ?? null;
    const terms = lineReturnTerms(line.attributes as unknown as LineProductFacts, declared);
    rows.add(CnOrderLine, {
      orderId,
      lineNo: index + 1,
      quantity: line.quantity,
      returnExclusion: terms.ok ? terms.exclusion : null,
      customerConfirmed: terms.ok && terms.customerConfirmed,
      claimedQuantity: 0,
      refundedQuantity: 0,
    });
  });
  const allLines = priced.lines.map((_line, index) => index + 1);
  (gifts ?? []).forEach((gift, index) => {
    rows.add(CnOrderGift, {
      orderId,
      giftNo: index + 1,
      kind: gift.kind,
      description: gift.description,
      declaredValue: gift.declaredValue ?? null,
      lineNos: gift.lineNos ?? allLines,
    });
  });
}
