import { problem } from '@hub/shared/catalogue/problem';
import { computeQuote, type QuoteRequest, type QuoteResult } from '@hub/shared/catalogue/quote/quote.rules';
import type { EuSellerFacts } from '@hub/shared/catalogue/quote/region-pricing';
import { checkVatIdFormat } from '@hub/shared/catalogue/vat/vat-id.rules';
import type { CatalogueReader } from '../snapshot/catalogue-reader.js';

export type QuoteCommand = Omit<QuoteRequest, 'vatIdCountry' | 'at' | 'eu'> & { vatId: string | null; at: Date | null };

/** Quotes a cart from the current catalogue with the same pure function a region prices its orders with. */
export class QuoteService {
  constructor(
    private readonly reader: CatalogueReader,
    private readonly euSeller: EuSellerFacts,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async quote(command: QuoteCommand): Promise<QuoteResult & { vatIdCheck: 'FORMAT_ONLY' | null }> {
    let vatIdCountry: string | null = null;
    if (command.vatId) {
      const format = checkVatIdFormat(command.vatId);
      if (!format.ok) return { ok: false, problems: [problem('vatId', 'INVALID', 'Not a well-formed EU VAT ID')], vatIdCheck: null };
      vatIdCountry = format.issuingCountry;
    }
    const catalogue = await this.reader.current();
    const result = computeQuote(catalogue, { ...command, vatIdCountry, at: command.at ?? this.clock(), eu: this.euSeller });
    return { ...result, vatIdCheck: command.vatId ? 'FORMAT_ONLY' : null };
  }
}
