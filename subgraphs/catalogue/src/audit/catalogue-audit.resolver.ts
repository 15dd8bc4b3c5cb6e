import { Args, ArgsType, Authorized, Field, GraphQLISODateTime, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { IsOptional, IsString } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { MikroORM } from '@mikro-orm/postgresql';
import { decodeCursor, PageArgs, pageOf } from '../graphql/connection.js';
import { PageInfo } from '../graphql/connection.js';
import { CatalogueAuditEntry } from './catalogue-audit-entry.entity.js';

@ObjectType('CatalogueAuditEntry', { description: 'One catalogue change: who, when, the catalogue version, and the item before and after.' })
class CatalogueAuditEntryView {
  @Field(() => ID, { description: 'Entry id.' }) id!: string;
  @Field(() => GraphQLISODateTime, { description: 'When.' }) at!: Date;
  @Field(() => String, { description: 'Who (token subject).' }) actorId!: string;
  @Field(() => String, { description: 'Their role.' }) actorRole!: string;
  @Field(() => String, { description: 'What, e.g. product.updated.' }) action!: string;
  @Field(() => String, { description: 'Product or PriceList.' }) entityType!: string;
  @Field(() => String, { description: 'SKU or price-list id.' }) entityId!: string;
  @Field(() => Int, { description: 'Catalogue version the change created.' }) catalogueVersion!: number;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The item before; null when created.' }) before!: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The item after.' }) after!: Record<string, unknown> | null;
}

@ObjectType({ description: 'An audit entry with its cursor.' })
class CatalogueAuditEntryEdge {
  @Field(() => String, { description: 'Opaque cursor.' }) cursor!: string;
  @Field(() => CatalogueAuditEntryView, { description: 'The entry.' }) node!: CatalogueAuditEntryView;
}

@ObjectType({ description: 'A page of catalogue audit entries, newest first.' })
class CatalogueAuditEntryConnection {
  @Field(() => [CatalogueAuditEntryEdge], { description: 'Entries with cursors.' }) edges!: CatalogueAuditEntryEdge[];
  @Field(() => [CatalogueAuditEntryView], { description: 'Entries of this page.' }) nodes!: CatalogueAuditEntryView[];
  @Field(() => PageInfo, { description: 'Paging state.' }) pageInfo!: PageInfo;
}

@ArgsType()
class CatalogueAuditArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only changes to this SKU or price list.' }) @IsOptional() @IsString() entityId?: string | null;
}

export function createCatalogueAuditResolver(orm: MikroORM) {
  @Resolver()
  class CatalogueAuditResolver {
    @Authorized('catalogue_manager', 'admin', 'auditor')
    @Query(() => CatalogueAuditEntryConnection, { description: 'The catalogue\'s audit trail, newest first.' })
    async catalogueAuditTrail(@Args(() => CatalogueAuditArgs) { first, after, entityId }: CatalogueAuditArgs): Promise<CatalogueAuditEntryConnection> {
      const before = decodeCursor(after);
      const rows = await orm.em.fork().find(CatalogueAuditEntry, { ...(entityId ? { entityId } : {}), ...(before ? { id: { $lt: Number(before) } } : {}) }, { orderBy: { id: 'desc' }, limit: first + 1 });
      return pageOf(rows.map((row) => ({
        id: String(row.id), at: row.at, actorId: row.actorId, actorRole: row.actorRole, action: row.action, entityType: row.entityType,
        entityId: row.entityId, catalogueVersion: row.catalogueVersion, before: row.before ?? null, after: row.after ?? null,
      })), first, (row) => row.id);
    }
  }
  return CatalogueAuditResolver;
}
