import { Args, ArgsType, Authorized, Field, GraphQLISODateTime, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { IsOptional, IsString } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ConnectionArgs, connectionType, decodeCursor, toConnection, type Connection } from '@hub/shared/graphql/connection';
import { CatalogueAuditEntry } from './catalogue-audit-entry.entity.js';

@ObjectType('CatalogueAuditEntry', {
  description:
    'One catalogue change: who, when, the catalogue version, and the item before and after. A product is recorded whole. ' +
    'A price list is recorded as what changed: `before` and `after` hold its header whole (id, version, region, channel, ' +
    'currency, validFrom, validTo, shipping), `priceCount`, and only the price entries ({ sku, unitPrice, free? }) the change ' +
    'touched (see the two fields). Older entries, without `priceCount`, hold the whole list as `prices` on both sides.',
})
class CatalogueAuditEntryView {
  @Field(() => ID, { description: 'Entry id.' }) id!: string;
  @Field(() => GraphQLISODateTime, { description: 'When.' }) at!: Date;
  @Field(() => String, { description: 'Who (token subject).' }) actorId!: string;
  @Field(() => String, { description: 'Their role.' }) actorRole!: string;
  @Field(() => String, { description: 'What, e.g. product.updated.' }) action!: string;
  @Field(() => String, { description: 'Product or PriceList.' }) entityType!: string;
  @Field(() => String, { description: 'SKU or price-list id.' }) entityId!: string;
  @Field(() => Int, { description: 'Catalogue version the change created.' }) catalogueVersion!: number;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'The item before; null when created. A price list: its header, `priceCount` (prices it held), `changedPrices` (the ' +
      'entries the change replaced, as they were) and `removedPrices` (the entries it removed).',
  })
  before!: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'The item after. A price list: its header, `priceCount` (prices it holds), `changedPrices` (the new entries of the ' +
      'SKUs in `before.changedPrices`, in the same order) and `addedPrices` (the entries it added: every price on creation).',
  })
  after!: Record<string, unknown> | null;
}

const CatalogueAuditEntryConnection = connectionType(CatalogueAuditEntryView, 'CatalogueAuditEntry', 'A page of catalogue audit entries, newest first.');

@ArgsType()
class CatalogueAuditArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only changes to this SKU or price list.' }) @IsOptional() @IsString() entityId?: string | null;
}

export function createCatalogueAuditResolver(orm: MikroORM) {
  @Resolver()
  class CatalogueAuditResolver {
    @Authorized('catalogue_manager', 'admin', 'auditor')
    @Query(() => CatalogueAuditEntryConnection, { description: "The catalogue's audit trail, newest first." })
    async catalogueAuditTrail(@Args(() => CatalogueAuditArgs) args: CatalogueAuditArgs): Promise<Connection<CatalogueAuditEntryView>> {
      const before = args.after ? Number(decodeCursor(args.after, 1)[0]) : null;
      const rows = await orm.em
        .fork()
        .find(
          CatalogueAuditEntry,
          { ...(args.entityId ? { entityId: args.entityId } : {}), ...(before ? { id: { $lt: before } } : {}) },
          { orderBy: { id: 'desc' }, limit: (args.first ?? 20) + 1 },
        );
      return toConnection(
        rows,
        args,
        (row) => [row.id],
        (row) => ({
          id: String(row.id),
          at: row.at,
          actorId: row.actorId,
          actorRole: row.actorRole,
          action: row.action,
          entityType: row.entityType,
          entityId: row.entityId,
          catalogueVersion: row.catalogueVersion,
          before: row.before ?? null,
          after: row.after ?? null,
        }),
      );
    }
  }
  return CatalogueAuditResolver;
}
