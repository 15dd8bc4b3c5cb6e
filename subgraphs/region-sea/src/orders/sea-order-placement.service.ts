import type { Principal } from '@hub/shared/auth/principal';
import { InputValidationError } from '@hub/shared/errors';
import type { Channel, OrderLineInput } from '@hub/shared/messaging/contracts';
import type { OrderIntakeService, PlacedOrder } from '@hub/shared/region/order-intake.service';
import { SeaPayment } from '../payments/sea-payment.entity.js';
import type { SeaPaymentMethod } from '../payments/sea-payment-method.js';
import { assertWithinCodLimit } from '../rules/cod-limit.rules.js';
import { determineCurrency, type SeaCountry } from '../rules/country-currency.rules.js';
import { calculateTotals } from '@hub/shared/money/order-totals';
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
  lines: OrderLineInput[];
  shippingTotal: number;
  discountTotal: number;
  customer: { name: string; phone: string };
  address: SeaAddressInput;
  payment: SeaPaymentMethod | null;
  /** Where the customer's phone and the address sit in the client's input, for error fields. */
  paths: { customerPhone: string; address: string };
}

/**
 * Places SEA orders: the destination country's rules (currency, postal code, phone numbers, cash-on-delivery
 * limit), then the shared intake, which records the order here with its personal data and queues its registration in core.
 */
export class SeaOrderPlacementService {
  constructor(private readonly intake: OrderIntakeService) {}

  async place(placement: SeaPlacement): Promise<PlacedOrder> {
    const { address, paths } = placement;
    const country = address.country as SeaCountry;
    const currency = determineCurrency(country)!;
    if (placement.currency !== undefined && placement.currency !== currency) {
      throw new InputValidationError('currency', `Orders to ${country} are priced in ${currency}`);
    }
    if (!isValidPostalCode(country, address.postalCode)) {
      throw new InputValidationError(`${paths.address}.postalCode`, `postalCode is not a valid postal code of ${country}`);
    }
    const customerPhone = normalisedPhone(placement.customer.phone, country, paths.customerPhone);
    const recipientPhone = normalisedPhone(address.recipientPhone, country, `${paths.address}.recipientPhone`);
    // Core's own rule, so the COD limit is checked against the total core will record.
    const amountDue = calculateTotals(placement.lines, placement.shippingTotal, placement.discountTotal).grandTotal;
    if (placement.payment === 'COD') assertWithinCodLimit(country, amountDue);

    return this.intake.place({
      principal: placement.principal,
      idempotencyKey: placement.idempotencyKey,
      input: placement.input,
      customerRef: placement.customerRef,
      channel: placement.channel,
      currency,
      lines: placement.lines,
      shippingTotal: placement.shippingTotal,
      discountTotal: placement.discountTotal,
      paymentTerms: placement.payment === 'COD' ? 'CASH_ON_DELIVERY' : 'PREPAID',
      storeRegionalData: (em, orderId) => {
        em.create(SeaOrderContact, {
          orderId, customerName: placement.customer.name, customerPhone, recipientName: address.recipientName, recipientPhone,
          line1: address.line1, line2: address.line2 ?? null, subdistrict: address.subdistrict ?? null, district: address.district ?? null,
          city: address.city, province: address.province, postalCode: address.postalCode, country,
        });
        if (placement.payment) em.create(SeaPayment, { orderId, method: placement.payment, currency, amountDue });
      },
    });
  }
}

function normalisedPhone(phone: string, country: SeaCountry, field: string): string {
  const e164 = normalisePhoneNumber(phone, country);
  if (!e164) throw new SeaRuleViolationError(field, 'PHONE_INVALID', `${field.split('.').at(-1)} is not a valid phone number of ${country} or in international form`);
  return e164;
}
