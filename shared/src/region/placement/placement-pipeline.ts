import type { Principal } from '../../auth/principal.js';
import type { RowBatch } from '../../persistence/insert-rows.js';
import type { CatalogueProblem } from '../../catalogue/problem.js';
import type { CustomerType } from '../../catalogue/quote/quote.rules.js';
import type { EuSellerFacts } from '../../catalogue/quote/region-pricing.js';
import type { IndexedCatalogue } from '../../catalogue/snapshot.js';
import { DomainError } from '../../errors.js';
import type { Channel, PaymentTerms } from '../../messaging/contracts.js';
import type { OrderIntakeService, PlacedOrder } from '../order-intake.service.js';
import type { RuleBook } from '../../rules/domain/rule-book.js';
import { applyPromotionRules, applyValidationRules, decideHold, orderContextOf, type RulesHandledWith } from './placement-order-rules.js';
import { originCountryOf } from '../../rules/quote-promotions.js';
import type { OrderRuleFacts } from '../../messaging/contracts.js';
import { decideLaterModules } from './placement-fulfilment-rules.js';
import { priceOrder, type ClientLine, type PricedOrder } from './placement-pricing.rules.js';
import type { DeliveryOption } from '../../green/delivery-options.rules.js';
import { consolidationKeyOf, deliveryOfPlacement } from './delivery-choice.rules.js';
import { decidePayment, PaymentRefusedError } from '../promotions/placement-payment.js';
import type { PaymentPlan } from '../../promotions/payment-stacking.rules.js';

/** One placement as a region's resolver hands it over; `details` is the region's own part of the input. */
export interface PlacementRequest<Details = unknown> {
  principal: Principal;
  idempotencyKey: string;
  /** Everything the client sent, for the same-key-different-order check. */
  input: unknown;
  customerRef: string;
  channel: Channel;
  lines: readonly ClientLine[];
  /** Deprecated client amounts: compared with the hub's when sent. */
  shippingTotal: number | null;
  discountTotal: number;
  /** The delivery option chosen at checkout; absent: STANDARD. */
  delivery?: { option: DeliveryOption; consolidateUntil?: Date | null } | null;
  /** Points the customer spends on the order (0 or absent: none); the points rules in force cap them. */
  pointsToUse?: number;
  details: Details;
}

/** What pricing needs besides the lines: the currency the order is in, where it goes and who buys. */
export interface PricingFacts {
  currency: string;
  destination: { country: string; postalCode?: string | null };
  customerType: CustomerType;
  vatIdCountry: string | null;
  eu?: EuSellerFacts;
  exciseGoods?: boolean;
  /** The instant prices and tax are taken for; the region's clock by default. */
  at?: Date;
  /** Where the destination sits in the region's input (`shippingAddress`), so a refusal names the field the client sent. */
  destinationPath?: string;
  /**
   * The country the goods ship from, for order rules; by default the EU dispatch country, else the destination
   * (CN and SEA sell within the destination country).
   */
  originCountry?: string;
}

/** What a stage after pricing sees: the request, the region's checked facts, and the order as priced so far. */
export interface PricedPlacement<Details, Checked> {
  request: PlacementRequest<Details>;
  checked: Checked;
  priced: PricedOrder;
}

/**
 * A rule over the priced order: refuses it (throws a DomainError naming the field) or returns it changed.
 * The region's own rules (DE's VAT, SEA's cash-on-delivery limit) and, later, order-rules' promotions plug in here.
 */
export type PlacementRule<Details, Checked> = (placement: PricedPlacement<Details, Checked>) => PricedOrder | void | Promise<PricedOrder | void>;

/**
 * A region's placement in named stages, run in this order (checks only: a retry of a known key runs them again, and its
 * answer is the order taken in before):
 * validate (the region's checks of what was sent) → price (from the local catalogue) → order rules (validation,
 * promotions) → the region's rules → store.
 */
export interface PlacementStages<Details = any, Checked = any> {
  /** The region's checks of the input before pricing (address, personal data, VAT ID); returns what later stages need. */
  validate(request: PlacementRequest<Details>): Checked | Promise<Checked>;
  /** The facts the catalogue prices the cart with. */
  pricing(request: PlacementRequest<Details>, checked: Checked): PricingFacts | Promise<PricingFacts>;
  /** Rules over the priced order, in order; the region's own first, then any plugged in by the region app. */
  rules?: ReadonlyArray<PlacementRule<Details, Checked>>;
  /** Payment terms core records (cash on delivery or prepaid); decided from the request before promotions, since order rules read them. */
  paymentTerms?(placement: PricedPlacement<Details, Checked>): PaymentTerms;
  /** Adds the region's own records (personal data, local facts) to the rows the placement's transaction inserts. */
  store(rows: RowBatch, orderId: string, placement: PricedPlacement<Details, Checked>): void | Promise<void>;
  /**
   * The parts of the delivery address that identify it (not the recipient), which the region hashes with its secret so
   * a consolidated order can be grouped with the customer's others to the same address; without it the region refuses
   * the CONSOLIDATED option.
   */
  deliveryAddress?(request: PlacementRequest<Details>, checked: Checked): ReadonlyArray<string | null | undefined>;
}

/**
 * A refusal the pricing stage found: every problem, each with its field and code as `userErrors` show them (a
 * mutation that still answers with a top-level error shows the first).
 */
export class PlacementRefusedError extends DomainError {
  constructor(readonly problems: readonly CatalogueProblem[]) {
    const listed = problems.map((p) => ({ field: p.field.join('.'), rule: p.code, message: p.message }));
    super('BAD_USER_INPUT', listed[0]!.message, { field: listed[0]!.field, rule: listed[0]!.rule, problems: listed });
  }
}

export interface PlacementPipelineOptions {
  intake: OrderIntakeService;
  region: string;
  /** The region's copy of the catalogue, read from memory. */
  catalogue: () => IndexedCatalogue;
  clock: () => Date;
  /** Rules other parts of the hub plug in after the region's own. */
  rules?: ReadonlyArray<PlacementRule<any, any>>;
  /**
   * The region's copy of the order rules (issue 14), evaluated in memory after every other rule and before the
   * order is stored; `mayBeBehind` says whether that copy may lack a newer publication, recorded with the order.
   */
  orderRules?: { book: RuleBook; mayBeBehind: () => boolean };
  /** The region's secret for the consolidation key (a keyed hash of customer and address); never leaves the region. */
  addressKeySecret?: string;
}

/**
 * Every region places orders the same way: the region's stages run, and the shared intake stores the order with the
 * region's records in one transaction. A retry of a known idempotency key answers with the order taken in before,
 * whatever the stages say now (a check that would now fail must not undo an order the customer was told of): its
 * insert meets the key, or its refusal is answered from the key. A new order, nearly every one, is not looked up first.
 */
export class PlacementPipeline<Details = any, Checked = any> {
  constructor(
    private readonly options: PlacementPipelineOptions,
    private readonly stages: PlacementStages<Details, Checked>,
  ) {}

  async place(request: PlacementRequest<Details>): Promise<PlacedOrder> {
    const { intake } = this.options;
    intake.assertMayPlace(request);
    try {
      return await this.placeNew(request);
    } catch (error) {
      const known = await intake.findPlaced(request);
      if (known) return known;
      throw error;
    }
  }

  private async placeNew(request: PlacementRequest<Details>): Promise<PlacedOrder> {
    const { intake } = this.options;
    const checked = await this.stages.validate(request);
    const facts = await this.stages.pricing(request, checked);
    // One catalogue snapshot for the prices and the gifts a promotion binds.
    const catalogue = this.options.catalogue();
    let priced = this.price(catalogue, request, facts);
    const paymentTerms = this.stages.paymentTerms?.({ request, checked, priced }) ?? 'PREPAID';
    // Order rules before the region's own: those (a cash-on-delivery limit) judge what the customer pays after promotions, as the quote does.
    const ruled = this.applyOrderRules(catalogue, request, facts, priced, paymentTerms);
    if (ruled) priced = ruled.priced;
    const rulesHandledWith = ruled?.rulesHandledWith;
    const ruleFacts = ruled?.ruleFacts;
    if (!ruled && (request.pointsToUse ?? 0) > 0) throw new PaymentRefusedError('POINTS_NOT_ACCEPTED', 'pointsToUse', 'This region takes no points.');
    for (const rule of [...(this.stages.rules ?? []), ...(this.options.rules ?? [])]) {
      priced = (await rule({ request, checked, priced })) ?? priced;
    }
    const placement = { request, checked, priced };
    const { deliveryAddress } = this.stages;
    const secret = this.options.addressKeySecret;
    const delivery = deliveryOfPlacement(priced.quote.at, request.delivery, () =>
      deliveryAddress && secret ? consolidationKeyOf(secret, request.customerRef, deliveryAddress(request, checked)) : null,
    );
    return intake.place({
      principal: request.principal,
      idempotencyKey: request.idempotencyKey,
      input: request.input,
      customerRef: request.customerRef,
      channel: request.channel,
      currency: priced.currency,
      lines: priced.lines,
      shippingTotal: priced.shippingTotal,
      discountTotal: priced.discountTotal,
      pricedWith: priced.pricedWith,
      paymentTerms,
      delivery,
      ...(rulesHandledWith ? { rulesHandledWith } : {}),
      ...(rulesHandledWith?.hold ? { hold: rulesHandledWith.hold } : {}),
      ...(ruleFacts ? { ruleFacts } : {}),
      ...(ruled?.payment ? { payment: ruled.payment } : {}),
      storeRegionalData: (rows, orderId) => this.stages.store(rows, orderId, placement),
    });
  }

  private price(catalogue: IndexedCatalogue, request: PlacementRequest<Details>, pricing: PricingFacts): PricedOrder {
    const { at, destinationPath, originCountry: _origin, ...facts } = pricing;
    const cart = { ...facts, region: this.options.region, channel: request.channel, at: at ?? this.options.clock() };
    const result = priceOrder(catalogue, cart, request);
    if (!result.ok) {
      const rooted = (field: string[]) => (field[0] === 'destination' && destinationPath ? [...destinationPath.split('.'), ...field.slice(1)] : field);
      throw new PlacementRefusedError(result.problems.map((p) => ({ ...p, field: rooted(p.field) })));
    }
    return result.order;
  }

  /**
   * The order rules over the priced order, at the instant it was priced: validation refuses by throwing; then the
   * promotions (discounts, gifts) are applied exactly as a quote applies them. Names the versions used.
   */
  private applyOrderRules(
    catalogue: IndexedCatalogue,
    request: PlacementRequest<Details>,
    facts: PricingFacts,
    priced: PricedOrder,
    paymentTerms: PaymentTerms,
  ): { priced: PricedOrder; rulesHandledWith: RulesHandledWith; ruleFacts: OrderRuleFacts; payment: PaymentPlan | null } | undefined {
    const { orderRules } = this.options;
    if (!orderRules) return undefined;
    const replicaMayBeBehind = orderRules.mayBeBehind();
    const context = orderContextOf({
      region: this.options.region,
      channel: request.channel,
      customerType: facts.customerType,
      priced,
      paymentTerms,
      originCountry: facts.originCountry ?? originCountryOf(facts),
      destinationCountry: facts.destination.country,
    });
    const validatedWith = applyValidationRules(orderRules.book, context, priced.quote.at);
    const promoted = applyPromotionRules(orderRules.book, catalogue, priced, context);
    const held = decideHold(orderRules.book, context, promoted.priced, priced.quote.at);
    // Lock inventory → invoice → notify read the promoted order, as holds do.
    const later = decideLaterModules(
      orderRules.book,
      context,
      { discountTotal: promoted.priced.quote.totals.discountTotal, payableTotal: promoted.priced.grandTotal },
      priced.quote.at,
    );
    const { holdMinutes, onShortage } = later.ruleFacts.inventoryLock;
    // Deposit expansion and points stack after promotions and gifts priced the order (payment-stacking.rules.ts).
    const paying = decidePayment(orderRules.book, context, promoted.priced, { pointsToUse: request.pointsToUse ?? 0, paymentTerms }, priced.quote.at);
    const versions = [...validatedWith, ...promoted.handledWith, ...paying.handledWith, ...held.handledWith, ...later.handledWith];
    return {
      payment: paying.plan,
      priced: promoted.priced,
      ruleFacts: later.ruleFacts,
      rulesHandledWith: {
        versions,
        replicaMayBeBehind,
        promotions: promoted.promotions,
        ...(promoted.giftsSkipped.length > 0 ? { giftsSkipped: promoted.giftsSkipped } : {}),
        ...(held.hold ? { hold: held.hold } : {}),
        ...(holdMinutes !== null || onShortage !== null ? { inventoryLock: { holdMinutes, onShortage } } : {}),
        ...(later.invoice ? { invoice: later.invoice } : {}),
        ...(later.notification ? { notification: later.notification } : {}),
      },
    };
  }
}
