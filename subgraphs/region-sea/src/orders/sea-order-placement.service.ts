import { InputValidationError } from '@hub/shared/errors';
import type { PlacedOrder } from '@hub/shared/region/order-intake.service';
import type { PlacementPipeline, PlacementRequest, PlacementStages } from '@hub/shared/region/placement/placement-pipeline';
import { SeaPayment } from '../payments/sea-payment.entity.js';
import type { SeaPaymentMethod } from '../payments/sea-payment-method.js';
import { assertWithinCodLimit } from '../rules/cod-limit.rules.js';
import { determineCurrency, type SeaCountry } from '../rules/country-currency.rules.js';
import type { SeaDestination } from '../rules/quick-order-destination.rules.js';
import { checkSeaAddress, normalisedPhone, storedSeaAddress, type SeaAddressFields } from '../rules/sea-address.rules.js';
import { SeaOrderContact } from './sea-order-contact.entity.js';

/** SEA's own part of a placement. */
interface SeaDetails {
  /** Omitted by clients that let the destination decide it. */
  currency?: string;
  /** The buyer; absent when the recipient is the buyer (the mobile checkout). */
  customer?: { name: string; phone: string };
  destination: SeaDestination;
  payment: SeaPaymentMethod | null;
  /** Where the customer's phone and a sent address sit in the client's input, for error fields; a saved address is `savedAddress`. */
  paths: { customerPhone: string; address: string };
}

/** One SEA order, whichever endpoint it came through. */
export type SeaPlacement = Omit<PlacementRequest, 'details'> & SeaDetails;

interface SeaChecked {
  country: SeaCountry;
  currency: string;
  /** The address the order goes to: as sent, or a copy of the saved one read at placement. */
  address: SeaAddressFields;
  /** Where that address sits in the client's input. */
  addressPath: string;
  customer: { name: string; phone: string };
  recipientPhone: string;
}

/** Reads a customer's saved address by its number, or refuses with SavedAddressNotFoundError naming `field`. */
export type SavedAddressLookup = (customerRef: string, number: number, field: string) => Promise<SeaAddressFields>;

/**
 * region-sea's placement stages: the destination (a saved address is read here, so a retry of a placed order never
 * needs it again), the destination country's rules (currency, postal code, phone numbers), pricing in the country's
 * currency, the cash-on-delivery limit against the total the hub priced, then the contact and payment stored with
 * the order.
 */
export function createSeaPlacementStages(savedAddressOf: SavedAddressLookup): PlacementStages<SeaDetails, SeaChecked> {
  return {
    async validate({ customerRef, details: { destination, paths, customer, currency: sent } }) {
      const saved = 'savedAddress' in destination;
      const address = saved ? await savedAddressOf(customerRef, destination.savedAddress, 'savedAddress') : destination.address;
      const addressPath = saved ? 'savedAddress' : paths.address;
      const country = address.country as SeaCountry;
      const currency = determineCurrency(country)!;
      if (sent !== undefined && sent !== currency) throw new InputValidationError('currency', `Orders to ${country} are priced in ${currency}`);
      const { recipientPhone } = checkSeaAddress(address, addressPath);
      return {
        country,
        currency,
        address,
        addressPath,
        customer: customer
          ? { name: customer.name, phone: normalisedPhone(customer.phone, country, paths.customerPhone) }
          : { name: address.recipientName, phone: recipientPhone },
        recipientPhone,
      };
    },
    pricing: (_request, checked) => ({
      currency: checked.currency,
      destination: { country: checked.country, postalCode: checked.address.postalCode },
      customerType: 'CONSUMER',
      vatIdCountry: null,
      destinationPath: checked.addressPath,
    }),
    rules: [
      ({ request, checked, priced }) => {
        if (request.details.payment === 'COD') assertWithinCodLimit(checked.country, priced.grandTotal);
      },
    ],
    paymentTerms: ({ request }) => (request.details.payment === 'COD' ? 'CASH_ON_DELIVERY' : 'PREPAID'),
    deliveryAddress: (_request, { country, address: a }) => [country, a.postalCode, a.province, a.city, a.district, a.subdistrict, a.line1, a.line2],
    store(rows, orderId, { request: { details }, checked, priced }) {
      const { address, customer } = checked;
      rows.add(SeaOrderContact, {
        orderId,
        customerName: customer.name,
        customerPhone: customer.phone,
        ...storedSeaAddress({ ...address, recipientPhone: checked.recipientPhone, country: checked.country }),
      });
      if (details.payment) {
        rows.add(SeaPayment, { orderId, method: details.payment, currency: checked.currency, amountDue: priced.grandTotal, createdAt: new Date() });
      }
    },
  };
}

/** Places SEA orders from either endpoint through the region's placement pipeline. */
export class SeaOrderPlacementService {
  constructor(private readonly pipeline: PlacementPipeline<SeaDetails, SeaChecked>) {}

  place({ currency, customer, destination, payment, paths, ...request }: SeaPlacement): Promise<PlacedOrder> {
    return this.pipeline.place({ ...request, details: { currency, customer, destination, payment, paths } });
  }
}
