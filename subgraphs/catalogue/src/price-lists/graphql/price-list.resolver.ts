import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsIn, IsOptional, IsString } from 'class-validator';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { ChannelEnum } from '@hub/shared/graphql/enums';
import { CHANNELS, type Channel } from '@hub/shared/messaging/contracts';
import type { PriceEntry } from '@hub/shared/catalogue/pricing/price-list.rules';
import { Refused } from '../../changes/catalogue-writer.js';
import { ConnectionArgs, decodeCursor, toConnection, type Connection } from '@hub/shared/graphql/connection';
import { userErrorsOf } from '../../graphql/user-error.type.js';
import { Price, PriceList } from '../persistence/price-list.entity.js';
import type { PriceListService } from '../price-list.service.js';
import {
  CreatePriceListInput,
  PriceConnection,
  PriceListConnection,
  PriceListCreatePayload,
  PriceListPricesSetPayload,
  PriceListUpdatePayload,
  PriceListView,
  SetPricesInput,
  UpdatePriceListInput,
  type PriceInput,
  type PriceView,
} from './price-list.types.js';

@ArgsType()
class PriceListsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only this region.' }) @IsOptional() @IsString() region?: string | null;
  @Field(() => ChannelEnum, { nullable: true, description: 'Only this channel.' }) @IsOptional() @IsIn(CHANNELS) channel?: Channel | null;
  @Field(() => String, { nullable: true, description: 'Only this currency.' }) @IsOptional() @IsString() currency?: string | null;
}

const MANAGERS = ['catalogue_manager', 'admin'];

export const toPriceListView = (list: PriceList): PriceListView => ({ ...list, channel: list.channel as Channel, validTo: list.validTo ?? null });
const entriesOf = (prices: PriceInput[]): PriceEntry[] => prices.map((p) => ({ sku: p.sku, unitPrice: p.unitPrice, ...(p.free ? { free: true } : {}) }));
const payloadOf = (result: PriceList | Refused): PriceListCreatePayload =>
  result instanceof Refused ? { priceList: null, userErrors: userErrorsOf(result.problems) } : { priceList: toPriceListView(result), userErrors: [] };
const shippingOf = (input: CreatePriceListInput['shipping']) => ({ ...input, freeFrom: input.freeFrom ?? null });

export function createPriceListResolver(orm: MikroORM, lists: PriceListService) {
  @Resolver(() => PriceListView)
  class PriceListResolver {
    @Authorized()
    @Query(() => PriceListView, { nullable: true, description: 'A price list by id.' })
    async priceList(@Arg('id', () => String, { description: 'The list id.' }) id: string): Promise<PriceListView | null> {
      const list = await lists.find(id);
      return list ? toPriceListView(list) : null;
    }

    @Authorized()
    @Query(() => PriceListConnection, { description: 'Price lists by id, optionally of one scope.' })
    async priceLists(@Args(() => PriceListsArgs) args: PriceListsArgs): Promise<Connection<PriceListView>> {
      const { region, channel, currency } = args;
      const afterId = args.after ? String(decodeCursor(args.after, 1)[0]) : null;
      const rows = await orm.em.fork().find(
        PriceList,
        {
          ...(region ? { region } : {}),
          ...(channel ? { channel } : {}),
          ...(currency ? { currency } : {}),
          ...(afterId ? { id: { $gt: afterId } } : {}),
        },
        { orderBy: { id: 'asc' }, limit: (args.first ?? 20) + 1 },
      );
      return toConnection(rows, args, (row) => [row.id], toPriceListView);
    }

    @FieldResolver(() => PriceConnection, { description: "The list's prices, by SKU." })
    async prices(@Root() list: PriceListView, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Connection<PriceView>> {
      const afterSku = args.after ? String(decodeCursor(args.after, 1)[0]) : null;
      const rows = await orm.em
        .fork()
        .find(Price, { priceListId: list.id, ...(afterSku ? { sku: { $gt: afterSku } } : {}) }, { orderBy: { sku: 'asc' }, limit: (args.first ?? 20) + 1 });
      return toConnection(
        rows,
        args,
        (row) => [row.sku],
        (p) => ({ id: `${p.priceListId}:${p.sku}`, sku: p.sku, unitPrice: p.unitPrice, free: p.free }),
      );
    }

    @Authorized(...MANAGERS)
    @Mutation(() => PriceListCreatePayload, {
      description: 'Creates a price list; refused when it overlaps another list of the same region, channel and currency.',
    })
    async priceListCreate(
      @Arg('input', () => CreatePriceListInput, { description: 'The new price list.' }) input: CreatePriceListInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<PriceListCreatePayload> {
      return payloadOf(
        await lists.create(principal, {
          id: input.id,
          region: input.region,
          channel: input.channel,
          currency: input.currency,
          validFrom: input.validFrom.toISOString(),
          validTo: input.validTo?.toISOString() ?? null,
          shipping: shippingOf(input.shipping),
          prices: entriesOf(input.prices),
        }),
      );
    }

    @Authorized(...MANAGERS)
    @Mutation(() => PriceListUpdatePayload, { description: "Changes a list's period or shipping." })
    async priceListUpdate(
      @Arg('input', () => UpdatePriceListInput, { description: 'The price list, the version read, and its new validity and shipping schedule.' })
      input: UpdatePriceListInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<PriceListUpdatePayload> {
      return payloadOf(
        await lists.update(principal, input.id, input.expectedVersion, {
          validFrom: input.validFrom.toISOString(),
          validTo: input.validTo?.toISOString() ?? null,
          shipping: shippingOf(input.shipping),
        }),
      );
    }

    @Authorized(...MANAGERS)
    @Mutation(() => PriceListPricesSetPayload, { description: 'Adds, changes or removes prices of a list.' })
    async priceListPricesSet(
      @Arg('input', () => SetPricesInput, { description: 'The price list, the version read, the prices to add or change and the SKUs to remove.' })
      input: SetPricesInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<PriceListPricesSetPayload> {
      return payloadOf(await lists.setPrices(principal, input.priceListId, input.expectedVersion, entriesOf(input.prices), input.removeSkus));
    }
  }
  return PriceListResolver;
}
