import type { Principal } from '@hub/shared/auth/principal';
import type { OrderLineInput } from '@hub/shared/messaging/contracts';
import { toOrderLines } from '@hub/shared/region/order-line.input';
import type { Logger } from '@hub/shared/logger';
import type { OrderIntakeService } from '@hub/shared/region/order-intake.service';
import { RegionalOrder } from '@hub/shared/region/regional-order.entity';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { DomainError } from '@hub/shared/errors';
import { DeComplianceError } from '../errors.js';
import { berlinDate, yearOf, type IsoDate } from '../rules/calendar.rules.js';
import type { ComplianceViolation } from '../rules/compliance-violation.js';
import { checkAgeData, findPersonalDataInLines } from '../rules/intake-minimisation.rules.js';
import { isValidPostalCode, type EuMemberState } from '../rules/postal-code.rules.js';
import { checkVatCompliance, type VatResult } from '../rules/vat-compliance.rules.js';
import { checkVatIdFormat } from '../rules/vat-id.rules.js';
import type { DeSettings } from '../settings.js';
import { distanceSalesNetOf } from '../vat/distance-sales.repository.js';
import { DeOrderVat } from '../vat/de-order-vat.entity.js';
import { DeOrderContact } from './de-order-contact.entity.js';
import type { DeAddressInput, PlaceDeOrderInput } from './de-order.input.js';

interface CheckedOrder {
  lines: OrderLineInput[];
  vat: VatResult;
  orderDate: IsoDate;
  vatId: string | null;
  vatIdCheck: 'VALID' | 'FORMAT_ONLY' | null;
}

/**
 * Takes in a DE order: the compliance steps (address, data minimisation, age, VAT ID, VAT), then the
 * shared intake with region-de's personal data and VAT determination written in the same transaction.
 */
export class DeOrderIntakeService {
  constructor(
    private readonly orm: MikroORM,
    private readonly intake: OrderIntakeService,
    private readonly settings: DeSettings,
    private readonly logger: Logger,
  ) {}

  async place(principal: Principal, input: PlaceDeOrderInput): Promise<string> {
    // A retry of a placed order returns it as it is; its checks ran when it was first taken in.
    const known = await this.orm.em.fork().count(RegionalOrder, { placedBy: principal.subject, idempotencyKey: input.idempotencyKey });
    const checked = known > 0 ? null : await this.check(input).catch((error: unknown) => {
      // Rule and field only: the rejected input itself is personal data.
      if (error instanceof DomainError) this.logger.info({ code: error.code, field: error.details.field, rule: error.details.rule }, 'DE order refused at intake');
      throw error;
    });
    const snapshot = await this.intake.place({
      principal, idempotencyKey: input.idempotencyKey, input, customerRef: input.customerRef ?? principal.subject,
      channel: input.channel, currency: 'EUR', lines: checked?.lines ?? toOrderLines(input.lines),
      shippingTotal: input.shippingTotal, discountTotal: input.discountTotal,
      storeRegionalData: (em, orderId) => {
        if (!checked) return; // unreachable: a new order always passed the checks
        em.create(DeOrderContact, contactOf(orderId, input, checked.vatId));
        em.create(DeOrderVat, { orderId, ...vatRowOf(checked), createdAt: new Date() });
      },
    });
    return snapshot.orderId;
  }

  private async check(input: PlaceDeOrderInput): Promise<CheckedOrder> {
    const orderDate = berlinDate(this.settings.clock());
    const lines = toOrderLines(input.lines);
    const { customer, shippingAddress, billingAddress } = input;
    raise(checkPostalCode('shippingAddress', shippingAddress) ?? (billingAddress ? checkPostalCode('billingAddress', billingAddress) : null));
    raise(findPersonalDataInLines(lines, [customer.name, customer.email, customer.phone, customer.vatId, shippingAddress.recipientName,
      shippingAddress.street, billingAddress?.recipientName, billingAddress?.street]));
    raise(checkAgeData(lines, customer.dateOfBirth, orderDate));
    const vatId = await this.checkVatId(customer.vatId);
    const year = yearOf(orderDate);
    const em = this.orm.em.fork();
    const elsewhere = this.settings.distanceSalesElsewhere;
    const result = checkVatCompliance({
      orderDate, destination: shippingAddress.country as EuMemberState, destinationPostalCode: shippingAddress.postalCode,
      dispatchCountry: input.dispatchCountry, buyerVatIdCountry: vatId?.issuingCountry ?? null, lines,
      exciseGoods: lines.some((line) => line.attributes.exciseGoods === true),
      crossBorderB2cNet: {
        previousYear: elsewhere.previousYear + await distanceSalesNetOf(em, year - 1),
        currentYear: elsewhere.currentYear + await distanceSalesNetOf(em, year),
      },
      optedForDestinationTaxation: this.settings.optedForDestinationTaxation,
      iossRegistered: this.settings.iossNumber !== null,
    });
    if (!result.ok) throw new DeComplianceError(result.violation);
    return { lines, vat: result.vat, orderDate, vatId: vatId?.vatId ?? null, vatIdCheck: vatId?.check ?? null };
  }

  /** Format first (no network call for a typo), then the pluggable online check. */
  private async checkVatId(raw: string | undefined) {
    if (raw === undefined) return null;
    const format = checkVatIdFormat(raw);
    const field = 'customer.vatId';
    if (!format.ok) throw new DeComplianceError({ field, rule: 'VAT_ID_FORMAT', message: 'vatId is not a well-formed VAT ID of an EU member state' });
    const outcome = await this.settings.vatIdChecker.check(format.vatId);
    if (outcome === 'INVALID') throw new DeComplianceError({ field, rule: 'VAT_ID_INVALID', message: 'The VAT ID is not registered as valid' });
    if (outcome === 'UNAVAILABLE') {
      throw new DomainError('SERVICE_UNAVAILABLE', 'The VAT ID could not be confirmed now; retry later', { field, rule: 'VAT_ID_UNVERIFIED' });
    }
    return { vatId: format.vatId, issuingCountry: format.issuingCountry, check: outcome === 'VALID' ? 'VALID' as const : 'FORMAT_ONLY' as const };
  }
}

function raise(violation: ComplianceViolation | null): void {
  if (violation) throw new DeComplianceError(violation);
}

function checkPostalCode(group: string, address: DeAddressInput): ComplianceViolation | null {
  return isValidPostalCode(address.country, address.postalCode) ? null
    : { field: `${group}.postalCode`, rule: 'POSTAL_CODE_FORMAT', message: `postalCode is not a valid postal code of ${address.country}` };
}

function contactOf(orderId: string, { customer, shippingAddress: ship, billingAddress: bill }: PlaceDeOrderInput, vatId: string | null) {
  return {
    orderId, customerName: customer.name, customerEmail: customer.email, customerPhone: customer.phone ?? null,
    dateOfBirth: customer.dateOfBirth ?? null, vatId,
    recipientName: ship.recipientName, street: ship.street, houseNumber: ship.houseNumber, postalCode: ship.postalCode, city: ship.city, country: ship.country,
    billingRecipientName: bill?.recipientName ?? null, billingStreet: bill?.street ?? null, billingHouseNumber: bill?.houseNumber ?? null,
    billingPostalCode: bill?.postalCode ?? null, billingCity: bill?.city ?? null, billingCountry: bill?.country ?? null,
    erasureRequestedAt: null,
  };
}

function vatRowOf({ vat, orderDate, vatIdCheck }: CheckedOrder) {
  return {
    scheme: vat.scheme, destination: vat.destination, taxCountry: vat.taxCountry, rateBp: vat.rateBp, rateValidFrom: vat.rateValidFrom,
    orderDate, lines: vat.lines, netTotal: vat.netTotal, vatTotal: vat.vatTotal, vatIdCheck,
  };
}
