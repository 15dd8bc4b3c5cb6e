import type { PricingFacts, PlacementStages, PricedPlacement } from '@hub/shared/region/placement/placement-pipeline';
import type { EuSellerFacts } from '@hub/shared/catalogue/quote/region-pricing';
import type { Logger } from '@hub/shared/logger';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { DomainError } from '@hub/shared/errors';
import { DeComplianceError } from '../errors.js';
import { berlinDate, type IsoDate } from '../rules/calendar.rules.js';
import type { ComplianceViolation } from '../rules/compliance-violation.js';
import { checkAgeData, findPersonalDataInLines } from '../rules/intake-minimisation.rules.js';
import { isValidPostalCode, type EuMemberState } from '../rules/postal-code.rules.js';
import { standardVatRate } from '../rules/vat-rates.table.js';
import { determineVatScheme } from '../rules/vat-scheme.rules.js';
import { isOutsideEuVatArea } from '../rules/vat-territory.rules.js';
import { checkVatIdFormat } from '../rules/vat-id.rules.js';
import type { DeSettings } from '../settings.js';
import { deSellerFacts } from '../vat/seller-facts.js';
import { DeOrderVat } from '../vat/de-order-vat.entity.js';
import { DeOrderContact } from './de-order-contact.entity.js';
import type { DeAddressInput, PlaceDeOrderInput } from './de-order.input.js';

/** What region-de's checks establish before pricing. */
export interface DeChecked {
  orderDate: IsoDate;
  at: Date;
  vatId: string | null;
  vatIdCountry: string | null;
  vatIdCheck: 'VALID' | 'FORMAT_ONLY' | null;
  eu: EuSellerFacts;
}

type DePlacement = PricedPlacement<PlaceDeOrderInput, DeChecked>;

/**
 * region-de's placement stages: the compliance steps on what was sent (address, data minimisation, age, VAT ID,
 * the VAT regime's preconditions), pricing in EUR with the shop's own seller facts (its real cross-border sales, so
 * the OSS threshold counts), then the buyer's data and the VAT determination stored with the order.
 */
export function dePlacementStages(orm: MikroORM, settings: DeSettings, logger: Logger): PlacementStages<PlaceDeOrderInput, DeChecked> {
  const validate = async (input: PlaceDeOrderInput): Promise<DeChecked> => {
    const at = settings.clock();
    const orderDate = berlinDate(at);
    const { customer, shippingAddress, billingAddress } = input;
    const sentLines = input.lines.map((line) => ({ name: line.name ?? '', attributes: line.attributes ?? {} }));
    raise(checkPostalCode('shippingAddress', shippingAddress) ?? (billingAddress ? checkPostalCode('billingAddress', billingAddress) : null));
    raise(
      findPersonalDataInLines(sentLines, [
        customer.name,
        customer.email,
        customer.phone,
        customer.vatId,
        shippingAddress.recipientName,
        shippingAddress.street,
        billingAddress?.recipientName,
        billingAddress?.street,
      ]),
    );
    raise(checkAgeData(sentLines, customer.dateOfBirth, orderDate));
    const vatId = await checkVatId(settings, customer.vatId);
    const destination = shippingAddress.country as EuMemberState;
    if (isOutsideEuVatArea(destination, shippingAddress.postalCode)) {
      const message = 'The destination lies outside the EU VAT area; the shop does not export there';
      raise({ field: 'shippingAddress.postalCode', rule: 'OUTSIDE_EU_VAT_AREA', message });
    }
    const eu = await deSellerFacts(orm.em.fork(), settings, input.dispatchCountry, orderDate);
    // The regime's preconditions that do not depend on the prices, refused with the field the buyer can correct.
    const regime = determineVatScheme({ ...eu, destination, buyerVatIdCountry: vatId?.issuingCountry ?? null, orderNet: 0, exciseGoods: false });
    if (!regime.ok) raise({ field: regime.field, rule: regime.rule, message: `The order breaks the VAT rule ${regime.rule}` });
    return { orderDate, at, vatId: vatId?.vatId ?? null, vatIdCountry: vatId?.issuingCountry ?? null, vatIdCheck: vatId?.check ?? null, eu };
  };
  return {
    async validate({ details }) {
      return validate(details).catch((error: unknown) => {
        // Rule and field only: the rejected input itself is personal data.
        if (error instanceof DomainError) logger.info({ code: error.code, field: error.details.field, rule: error.details.rule }, 'DE order refused at intake');
        throw error;
      });
    },
    pricing: ({ details }, checked): PricingFacts => ({
      currency: 'EUR',
      destination: { country: details.shippingAddress.country, postalCode: details.shippingAddress.postalCode },
      customerType: checked.vatIdCountry ? 'BUSINESS' : 'CONSUMER',
      vatIdCountry: checked.vatIdCountry,
      eu: checked.eu,
      at: checked.at,
      exciseGoods: details.lines.some((line) => line.attributes?.exciseGoods === true),
      destinationPath: 'shippingAddress',
    }),
    deliveryAddress: ({ details: { shippingAddress: a } }) => [a.country, a.postalCode, a.city, a.street, a.houseNumber],
    store(rows, orderId, placement) {
      rows.add(DeOrderContact, contactOf(orderId, placement.request.details, placement.checked.vatId));
      rows.add(DeOrderVat, { orderId, ...vatRowOf(placement), createdAt: new Date() });
    },
  };
}

/** Format first (no network call for a typo), then the pluggable online check. */
async function checkVatId(settings: DeSettings, raw: string | undefined) {
  if (raw === undefined) return null;
  const format = checkVatIdFormat(raw);
  const field = 'customer.vatId';
  if (!format.ok) throw new DeComplianceError({ field, rule: 'VAT_ID_FORMAT', message: 'vatId is not a well-formed VAT ID of an EU member state' });
  const outcome = await settings.vatIdChecker.check(format.vatId);
  if (outcome === 'INVALID') throw new DeComplianceError({ field, rule: 'VAT_ID_INVALID', message: 'The VAT ID is not registered as valid' });
  if (outcome === 'UNAVAILABLE') {
    throw new DomainError('SERVICE_UNAVAILABLE', 'The VAT ID could not be confirmed now; retry later', { field, rule: 'VAT_ID_UNVERIFIED' });
  }
  return { vatId: format.vatId, issuingCountry: format.issuingCountry, check: outcome === 'VALID' ? ('VALID' as const) : ('FORMAT_ONLY' as const) };
}

function raise(violation: ComplianceViolation | null): void {
  if (violation) throw new DeComplianceError(violation);
}

function checkPostalCode(group: string, address: DeAddressInput): ComplianceViolation | null {
  return isValidPostalCode(address.country, address.postalCode)
    ? null
    : { field: `${group}.postalCode`, rule: 'POSTAL_CODE_FORMAT', message: `postalCode is not a valid postal code of ${address.country}` };
}

function contactOf(orderId: string, { customer, shippingAddress: ship, billingAddress: bill }: PlaceDeOrderInput, vatId: string | null) {
  return {
    orderId,
    customerName: customer.name,
    customerEmail: customer.email,
    customerPhone: customer.phone ?? null,
    dateOfBirth: customer.dateOfBirth ?? null,
    vatId,
    recipientName: ship.recipientName,
    street: ship.street,
    houseNumber: ship.houseNumber,
    postalCode: ship.postalCode,
    city: ship.city,
    country: ship.country,
    billingRecipientName: bill?.recipientName ?? null,
    billingStreet: bill?.street ?? null,
    billingHouseNumber: bill?.houseNumber ?? null,
    billingPostalCode: bill?.postalCode ?? null,
    billingCity: bill?.city ?? null,
    billingCountry: bill?.country ?? null,
    erasureRequestedAt: null,
  };
}

/** The invoice's VAT as the hub priced it: per line at the product's tax class, shipping following the goods. */
function vatRowOf({ request, checked, priced }: DePlacement) {
  const { quote } = priced;
  const taxCountry = quote.vat.taxCountry as EuMemberState | null;
  const standard = taxCountry ? standardVatRate(taxCountry, quote.taxDate) : undefined;
  const scheme = quote.vat.scheme === 'DOMESTIC_SALE' ? 'DOMESTIC' : quote.vat.scheme;
  return {
    scheme,
    destination: request.details.shippingAddress.country,
    taxCountry,
    rateBp: standard?.rateBp ?? 0,
    rateValidFrom: standard?.from ?? null,
    orderDate: checked.orderDate,
    lines: quote.lines.map((line) => ({ lineNo: line.lineNo, net: line.net, vat: line.tax })),
    // Lines are net of order-rule discounts, and so is the taxable amount.
    netTotal: quote.totals.itemsTotal - quote.totals.discountTotal + quote.shipping.net,
    vatTotal: quote.totals.taxTotal + quote.shipping.tax,
    vatIdCheck: checked.vatIdCheck,
  };
}
