import { Arg, Authorized, Query, Resolver } from 'type-graphql';
import { VAT_RATES_SOURCE } from '@hub/shared/catalogue/vat/vat-rates.table';
import { userErrorsOf } from '../graphql/user-error.type.js';
import type { QuotedLine } from '@hub/shared/catalogue/quote/quote.rules';
import type { PromotedLine } from '@hub/shared/catalogue/quote/quote-promotions.rules';
import type { QuoteService } from './quote.service.js';
import { QuoteInput, QuoteResult } from './quote.types.js';
import { CURRENT_CARBON_FACTORS } from '@hub/shared/green/carbon-factors.table';
import { QUOTE_ASSUMED_KM, quoteDeliveryOptions } from '@hub/shared/green/delivery-options.rules';

/** A line's promotion fields; a quote priced without order rules has none. */
const promotedLineFields = (line: QuotedLine | PromotedLine) =>
  'discount' in line
    ? { discount: line.discount, discountTax: line.discountTax, giftDeclaredValue: line.gift?.declaredValue ?? null }
    : { discount: 0, discountTax: 0, giftDeclaredValue: null };

const percent = (rateBp: number) => rateBp / 100;
const RATE_SOURCE = `${VAT_RATES_SOURCE.document}, taken ${VAT_RATES_SOURCE.takenOn}; later: ${VAT_RATES_SOURCE.laterChanges}`;

export function createQuoteResolver(quotes: QuoteService) {
  @Resolver()
  class QuoteResolver {
    @Authorized()
    @Query(() => QuoteResult, {
      description:
        'Prices a cart: lines, VAT per line with regime and rate, shipping, totals, CN return terms, cash on delivery. An order placed from the same cart at the same instant totals the same.',
    })
    async quote(
      @Arg('input', () => QuoteInput, { description: 'What to price: the cart, region, channel, currency, destination and customer.' }) input: QuoteInput,
    ): Promise<QuoteResult> {
      const result = await quotes.quote({
        region: input.region,
        channel: input.channel,
        currency: input.currency,
        destination: { country: input.destination.country, postalCode: input.destination.postalCode ?? null },
        customerType: input.customerType,
        vatId: input.vatId ?? null,
        lines: input.lines,
        at: input.at ?? null,
        ...(input.paymentTerms ? { paymentTerms: input.paymentTerms } : {}),
      });
      if (!result.ok) return { quote: null, userErrors: userErrorsOf(result.problems) };
      const { quote } = result;
      return {
        userErrors: [],
        quote: {
          catalogueVersion: quote.catalogueVersion,
          priceListId: quote.priceListId,
          priceListVersion: quote.priceListVersion,
          currency: quote.currency,
          at: quote.at,
          taxDate: quote.taxDate,
          vatScheme: quote.vat.scheme,
          taxCountry: quote.vat.taxCountry,
          vatIdCheck: result.vatIdCheck,
          rateSource: RATE_SOURCE,
          lines: quote.lines.map((line) => ({ ...line, ...promotedLineFields(line), rate: percent(line.rateBp), total: line.net + line.tax })),
          discounts: quote.discounts,
          promotions: result.promotions ?? [],
          shipping: {
            net: quote.shipping.net,
            tax: quote.shipping.tax,
            parts: quote.shipping.parts.map((part) => ({ rate: percent(part.rateBp), net: part.net, vat: part.vat })),
          },
          totals: quote.totals,
          cashOnDelivery: quote.cashOnDelivery,
          deliveryOptions: quoteDeliveryOptions(CURRENT_CARBON_FACTORS, quote.at, {
            greatCircleKm: QUOTE_ASSUMED_KM,
            grossGrams: quote.lines.reduce((sum, line) => sum + line.quantity * Number(line.attributes.weightGrams ?? 0), 0),
            packagingMaterialGrams: 0,
          }),
        },
      };
    }
  }
  return QuoteResolver;
}
