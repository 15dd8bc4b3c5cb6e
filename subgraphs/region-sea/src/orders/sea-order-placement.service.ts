import type { Principal } from '@hub/shared/auth/principal';
import { InputValidationError } from '@hub/shared/errors';
import type { Channel } from '@hub/shared/messaging/contracts';
import type { PlacedOrder } from '@hub/shared/region/order-intake.service';
import type { PlacementPipeline, PlacementRequest, PlacementStages } from '@hub/shared/region/placement/placement-pipeline';
import type { ClientLine } from '@hub/shared/region/placement/placement-pricing.rules';
import { SeaPayment } from '../payments/sea-payment.entity.js';
import type { SeaPaymentMethod } from '../payments/sea-payment-method.js';
import { assertWithinCodLimit } from '../rules/cod-limit.rules.js';
import { determineCurrency, type SeaCountry } from '../rules/country-currency.rules.js';
import { normalisePhoneNumber } from '../rules/phone-number.rules.js';
import { isValidPostalCode } from '../rules/postal-code.rules.js';
import { SeaRuleViolationError } from '../rules/sea-rule-violation.error.js';
import { SeaOrderContact } from './sea-order-contact.entity.js';
import type { SeaAddressInput } from './sea-order.input.js';

/** One SEA order, whichever endpoint it came through. */
export interface SeaPlacement {
  principal: Principal;
  idempotencyKey: string;
  /** The client's input as sent: the same key with a different input is refused. */
  input: unknown;
  customerRef: string;
  channel: Channel;
  /** Omitted by clients that let the destination decide it. */
  currency?: string;
  lines: ClientLine[];
  /** Deprecated: the shipping the client showed, checked against the price list's. */
  shippingTotal: number | null;
  discountTotal: number;
  /** Points the customer spends on the order (0: none). */
  pointsToUse?: number;
  customer: { name: string; phone: string };
  address: SeaAddressInput;
  payment: SeaPaymentMethod | null;
  /** Where the customer's phone and the address sit in the client's input, for error fields. */
  paths: { customerPhone: string; address: string };
  /** The delivery option chosen at checkout; absent: STANDARD. */
  delivery?: PlacementRequest['delivery'];
}

type SeaDetails = Pick<SeaPlacement, 'currency' | 'customer' | 'address' | 'payment' | 'paths'>;

interface SeaChecked {
  country: SeaCountry;
  currency: string;
  customerPhone: string;
  recipientPhone: string;
}

/**
 * region-sea's placement stages: the destination country's rules (currency, postal code, phone numbers), pricing
 * in the country's currency, the cash-on-delivery limit against the total the hub priced, then the contact and
 * payment stored with the order.
 */
export const seaPlacementStages: PlacementStages<SeaDetails, SeaChecked> = {
  validate({ details: { address, paths, customer, currency: sent } }) {
    const country = address.country as SeaCountry;
    const currency = determineCurrency(country)!;
    if (sent !== undefined && sent !== currency) throw new InputValidationError('currency', `Orders to ${country} are priced in ${currency}`);
    if (!isValidPostalCode(country, address.postalCode)) {
      throw new InputValidationError(`${paths.address}.postalCode`, `postalCode is not a valid postal code of ${country}`);
    }
    return {
      country,
      currency,
      customerPhone: normalisedPhone(customer.phone, country, paths.customerPhone),
      recipientPhone: normalisedPhone(address.recipientPhone, country, `${paths.address}.recipientPhone`),
    };
  },
  pricing: ({ details }, checked) => ({
    currency: checked.currency,
    destination: { country: checked.country, postalCode: details.address.postalCode },
    customerType: 'CONSUMER',
    vatIdCountry: null,
    destinationPath: details.paths.address,
  }),
  rules: [
    ({ request, checked, priced }) => {
      if (request.details.payment === 'COD') assertWithinCodLimit(checked.country, priced.grandTotal);
    },
  ],
  paymentTerms: ({ request }) => (request.details.payment === 'COD' ? 'CASH_ON_DELIVERY' : 'PREPAID'),
  deliveryAddress: ({ details: { address: a } }, checked) => [checked.country, a.postalCode, a.province, a.city, a.district, a.subdistrict, a.line1, a.line2],
  store(em, orderId, { request: { details }, checked, priced }) {
    const { address, customer, payment } = details;
    em.create(SeaOrderContact, {
      orderId,
      customerName: customer.name,
      customerPhone: checked.customerPhone,
      recipientName: address.recipientName,
      recipientPhone: checked.recipientPhone,
      line1: address.line1,
      line2: address.line2 ?? null,
      subdistrict: address.subdistrict ?? null,
      district: address.district ?? null,
      city: address.city,
      province: address.province,
      postalCode: address.postalCode,
      country: checked.country,
    });
    if (payment) em.create(SeaPayment, { orderId, method: payment, currency: checked.currency, amountDue: priced.grandTotal });
  },
};

/** Places SEA orders from either endpoint through the region's placement pipeline. */
export class SeaOrderPlacementService {
  constructor(private readonly pipeline: PlacementPipeline<SeaDetails, SeaChecked>) {}

  place({
    principal,
    idempotencyKey,
    input,
    customerRef,
    channel,
    lines,
    shippingTotal,
    discountTotal,
    delivery,
    pointsToUse,
    ...details
  }: SeaPlacement): Promise<PlacedOrder> {
    return this.pipeline.place({
      principal,
      idempotencyKey,
      input,
      customerRef,
      channel,
      lines,
      shippingTotal,
      discountTotal,
      delivery: delivery ?? null,
      pointsToUse: pointsToUse ?? 0,
      details,
    });
  }
}

function normalisedPhone(phone: string, country: SeaCountry, field: string): string {
  const e164 = normalisePhoneNumber(phone, country);
  if (!e164)
    throw new SeaRuleViolationError(field, 'PHONE_INVALID', `${field.split('.').at(-1)} is not a valid phone number of ${country} or in international form`);
  return e164;
}
