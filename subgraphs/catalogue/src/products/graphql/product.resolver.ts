import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsIn, IsOptional } from 'class-validator';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { loadBatched } from '@hub/shared/graphql/context';
import { PRODUCT_STATUSES, type ProductFacts, type ProductStatus } from '@hub/shared/catalogue/products/product.rules';
import { PRODUCT_CATEGORIES, type ProductCategory } from '@hub/shared/catalogue/products/return-class.rules';
import { Refused } from '../../changes/catalogue-writer.js';
import { ConnectionArgs, decodeCursor, toConnection, type Connection } from '@hub/shared/graphql/connection';
import { ProductCategoryEnum, ProductStatusEnum } from '../../graphql/enums.js';
import { userErrorsOf } from '../../graphql/user-error.type.js';
import { Product } from '../persistence/product.entity.js';
import type { ProductService } from '../product.service.js';
import { ProductInput, SetProductStatusInput } from './product.inputs.js';
import { toProductView } from './product.mapper.js';
import { ProductConnection, ProductStatusSetPayload, ProductUpsertPayload, ProductView } from './product.types.js';

@ArgsType()
class ProductsArgs extends ConnectionArgs {
  @Field(() => ProductCategoryEnum, { nullable: true, description: 'Only this category.' })
  @IsOptional()
  @IsIn(PRODUCT_CATEGORIES)
  category?: ProductCategory | null;
  @Field(() => ProductStatusEnum, { nullable: true, description: 'Only this status.' }) @IsOptional() @IsIn(PRODUCT_STATUSES) status?: ProductStatus | null;
}

const MANAGERS = ['catalogue_manager', 'admin'];

function factsOf(input: ProductInput): ProductFacts {
  return {
    sku: input.sku,
    names: Object.fromEntries(input.names.map((name) => [name.locale, name.value])),
    category: input.category,
    cnReturnClass: input.cnReturnClass,
    euTaxClass: input.euTaxClass,
    hazardous: input.hazardous,
    weightGrams: input.weightGrams,
    lengthMm: input.lengthMm,
    widthMm: input.widthMm,
    heightMm: input.heightMm,
    status: input.status,
  };
}

const payloadOf = (result: Product | Refused): ProductUpsertPayload =>
  result instanceof Refused ? { product: null, userErrors: userErrorsOf(result.problems) } : { product: toProductView(result), userErrors: [] };

export function createProductResolver(orm: MikroORM, products: ProductService) {
  @Resolver(() => ProductView)
  class ProductResolver {
    @Authorized()
    @Query(() => ProductView, { nullable: true, description: 'A product by SKU; null when there is none.' })
    async product(@Arg('sku', () => String, { description: 'The SKU.' }) sku: string): Promise<ProductView | null> {
      const product = await products.find(sku);
      return product ? toProductView(product) : null;
    }

    @Authorized()
    @Query(() => ProductConnection, { description: 'Products by SKU, a page at a time.' })
    async products(@Args(() => ProductsArgs) args: ProductsArgs): Promise<Connection<ProductView>> {
      const afterSku = args.after ? String(decodeCursor(args.after, 1)[0]) : null;
      const rows = await orm.em.fork().find(
        Product,
        {
          ...(args.category ? { category: args.category } : {}),
          ...(args.status ? { status: args.status } : {}),
          ...(afterSku ? { sku: { $gt: afterSku } } : {}),
        },
        { orderBy: { sku: 'asc' }, limit: (args.first ?? 20) + 1 },
      );
      return toConnection(rows, args, (row) => [row.sku], toProductView);
    }

    @FieldResolver(() => String, { description: 'The name in a locale, falling back to English.' })
    name(@Root() product: ProductView, @Arg('locale', () => String, { defaultValue: 'en', description: 'BCP 47 locale.' }) locale: string): string {
      return (product.names.find((n) => n.locale === locale) ?? product.names.find((n) => n.locale === 'en'))?.value ?? product.sku;
    }

    @Authorized(...MANAGERS)
    @Mutation(() => ProductUpsertPayload, {
      description: 'Creates a product or changes one, by SKU. Refusals come back in userErrors; nothing is written then.',
    })
    async productUpsert(
      @Arg('input', () => ProductInput, { description: 'The product to create, or to update when its SKU exists.' }) input: ProductInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<ProductUpsertPayload> {
      return payloadOf(await products.upsert(principal, factsOf(input), input.expectedVersion ?? null));
    }

    @Authorized(...MANAGERS)
    @Mutation(() => ProductStatusSetPayload, { description: "Sets a product's status; RETIRED stops it being sold, past orders keep it." })
    async productStatusSet(
      @Arg('input', () => SetProductStatusInput, { description: 'The product and its new status.' }) input: SetProductStatusInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<ProductStatusSetPayload> {
      return payloadOf(await products.setStatus(principal, input.sku, input.status, input.expectedVersion ?? null));
    }
  }
  return ProductResolver;
}

/** Resolves `Product` references from other subgraphs in one query per request, by sku or by id. */
export function createProductReferenceResolver(orm: MikroORM) {
  const batch = (field: 'sku' | 'id') => async (keys: readonly string[]) => {
    const rows = await orm.em.fork().find(Product, { [field]: { $in: [...keys] } });
    const byKey = new Map(rows.map((row) => [row[field], toProductView(row)]));
    return keys.map((key) => byKey.get(key) ?? null);
  };
  return {
    Product: {
      __resolveReference: (reference: { sku?: string; id?: string }, context: RequestContext) =>
        reference.sku !== undefined
          ? loadBatched(context, 'product-by-sku', batch('sku'), reference.sku)
          : loadBatched(context, 'product-by-id', batch('id'), reference.id!),
    },
  };
}
