import { IsDate, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { ConnectionArgs, decodeIdCursor, pageSize, toConnection, type Connection, type Edge } from '@hub/shared/graphql/connection';
import { PageInfo } from '@hub/shared/graphql/page-info';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Args, ArgsType, Authorized, Field, GraphQLISODateTime, ID, InputType, ObjectType, Query, Resolver } from 'type-graphql';
import type { AuditQueryService } from '../audit-query.service.js';
import type { AuditEntry } from '../persistence/audit-entry.entity.js';

@ObjectType('AuditEntry', { description: 'One recorded change to master data. The trail is append-only.' })
export class AuditEntryView {
  @Field(() => ID, { description: 'Unique id; later entries have larger ids.' }) id!: string;
  @Field(() => GraphQLISODateTime, { description: 'When the change was recorded.' }) at!: Date;
  @Field(() => String, { description: 'user, system or carrier.' }) actorType!: string;
  @Field(() => String, { description: 'Who made the change: a pseudonymous subject, a service or a carrier.' }) actorId!: string;
  @Field(() => String, { description: 'The role the actor acted in.' }) actorRole!: string;
  @Field(() => String, { description: 'What was done, e.g. order.status-changed.' }) action!: string;
  @Field(() => String, { description: 'The kind of record changed, e.g. order.' }) entityType!: string;
  @Field(() => String, { description: 'The id of the record changed.' }) entityId!: string;
  @Field(() => String, { nullable: true, description: 'The region the record belongs to, if any.' }) region!: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The record before the change; null for a creation.' }) before!: Record<
    string,
    unknown
  > | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The record after the change.' }) after!: Record<string, unknown> | null;
}

@ObjectType('AuditEntryEdge', { description: 'One AuditEntry of a page, with its cursor.' })
export class AuditEntryEdgeView {
  @Field(() => String, { description: 'Opaque cursor of this AuditEntry: pass it as `after` to read the items after it.' }) cursor!: string;
  @Field(() => AuditEntryView, { description: 'The AuditEntry.' }) node!: AuditEntryView;
}

/** Declared by hand, not with connectionType, because it keeps two deprecated fields from before pageInfo. */
@ObjectType('AuditEntryConnection', { description: 'A page of AuditEntry items, with the cursor to read the next one.' })
export class AuditEntryConnectionView implements Connection<AuditEntryView> {
  @Field(() => [AuditEntryEdgeView], { description: 'The items of this page with their cursors.' }) edges!: Array<Edge<AuditEntryView>>;
  @Field(() => [AuditEntryView], { description: 'The items of this page, without cursors.' }) nodes!: AuditEntryView[];
  @Field(() => PageInfo, { description: 'Where this page ends and whether another follows.' }) pageInfo!: PageInfo;
  @Field(() => String, { nullable: true, description: 'Cursor of the last entry.', deprecationReason: 'Use `pageInfo.endCursor`.' }) endCursor!: string | null;
  @Field(() => Boolean, { description: 'Whether another page follows.', deprecationReason: 'Use `pageInfo.hasNextPage`.' }) hasNextPage!: boolean;
}

@InputType({ description: 'Narrows the audit trail; every given criterion must match.' })
export class AuditTrailFilterInput {
  @Field(() => String, { nullable: true, description: 'Changes to this record.' }) @IsOptional() @IsString() @Length(1, 200) entityId?: string;
  @Field(() => String, { nullable: true, description: 'Changes by this actor.' }) @IsOptional() @IsString() @Length(1, 200) actorId?: string;
  @Field(() => String, { nullable: true, description: 'Changes of this kind, e.g. order.status-changed.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  action?: string;
  @Field(() => String, { nullable: true, description: 'Changes in this region.' }) @IsOptional() @IsString() @Length(2, 16) region?: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Changes recorded at or after this instant.' }) @IsOptional() @IsDate() from?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Changes recorded before this instant.' }) @IsOptional() @IsDate() to?: Date;
}

@ArgsType()
export class AuditTrailArgs extends ConnectionArgs {
  @Field(() => AuditTrailFilterInput, { nullable: true, description: 'Only entries matching every given criterion.' })
  @IsOptional()
  @ValidateNested()
  filter?: AuditTrailFilterInput;
}

export function createAuditResolver(audit: AuditQueryService) {
  @Resolver(() => AuditEntryView)
  class AuditResolver {
    @Authorized('auditor', 'admin')
    @Query(() => AuditEntryConnectionView, { description: 'The audit trail, newest first. Auditors and admins only.' })
    async auditTrail(@Args(() => AuditTrailArgs) args: AuditTrailArgs): Promise<AuditEntryConnectionView> {
      const rows = await audit.list({ ...args.filter, first: pageSize(args), ...(args.after ? { after: decodeIdCursor(args.after) } : {}) });
      const page = toConnection(rows, args, (entry) => [entry.id], toAuditEntryView);
      return { ...page, ...page.pageInfo };
    }
  }
  return AuditResolver;
}

function toAuditEntryView(entry: AuditEntry): AuditEntryView {
  return {
    id: String(entry.id),
    at: entry.at,
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    region: entry.region ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
}
