import { IsDate, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Args, ArgsType, Authorized, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { AuditQueryService } from '../audit-query.service.js';
import type { AuditEntry } from '../persistence/audit-entry.entity.js';

@ObjectType('AuditEntry', { description: 'One recorded change to master data. The trail is append-only.' })
export class AuditEntryView {
  @Field(() => ID) id!: string;
  @Field(() => GraphQLISODateTime) at!: Date;
  @Field(() => String) actorType!: string;
  @Field(() => String) actorId!: string;
  @Field(() => String) actorRole!: string;
  @Field(() => String) action!: string;
  @Field(() => String) entityType!: string;
  @Field(() => String) entityId!: string;
  @Field(() => String, { nullable: true }) region!: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) before!: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) after!: Record<string, unknown> | null;
}

@ObjectType('AuditEntryConnection')
export class AuditEntryConnectionView {
  @Field(() => [AuditEntryView]) nodes!: AuditEntryView[];
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

@InputType()
export class AuditTrailFilterInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) entityId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) actorId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 64) action?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(2, 16) region?: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) @IsOptional() @IsDate() from?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) @IsOptional() @IsDate() to?: Date;
}

@ArgsType()
export class AuditTrailArgs {
  @Field(() => AuditTrailFilterInput, { nullable: true }) @IsOptional() @ValidateNested() filter?: AuditTrailFilterInput;
  @Field(() => Int, { defaultValue: 50 }) @IsInt() @Min(1) @Max(500) first!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() after?: string;
}

export function createAuditResolver(audit: AuditQueryService) {
  @Resolver(() => AuditEntryView)
  class AuditResolver {
    @Authorized('auditor', 'admin')
    @Query(() => AuditEntryConnectionView, { description: 'The audit trail, newest first. Auditors and admins only.' })
    async auditTrail(@Args(() => AuditTrailArgs) { filter, first, after }: AuditTrailArgs): Promise<AuditEntryConnectionView> {
      const afterId = after && /^\d+$/.test(after) ? Number(after) : undefined;
      const { entries, hasNextPage } = await audit.list({ ...filter, first, ...(afterId ? { after: afterId } : {}) });
      return { nodes: entries.map(toAuditEntryView), endCursor: entries.at(-1)?.id.toString() ?? null, hasNextPage };
    }
  }
  return AuditResolver;
}

function toAuditEntryView(entry: AuditEntry): AuditEntryView {
  return {
    id: String(entry.id), at: entry.at, actorType: entry.actorType, actorId: entry.actorId, actorRole: entry.actorRole,
    action: entry.action, entityType: entry.entityType, entityId: entry.entityId, region: entry.region ?? null,
    before: entry.before ?? null, after: entry.after ?? null,
  };
}
