import type { MikroORM } from '@mikro-orm/postgresql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Arg, Authorized, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ForbiddenError } from '../errors.js';
import type { RequestContext } from '../graphql/context.js';
import { MutationPayload, type UserError } from '../graphql/user-error.js';
import { validateNoticePreference, type NoticePreference } from '../notices/notice-delivery.js';
import { NoticePreferenceRecord } from '../notices/notice-preference.js';

/**
 * `<region>NoticePreference` / `<region>NoticePreferenceSet`: a customer reads and sets the language, time
 * zone and quiet hours of their parcel notices. Kept in the customer's region (personal data), keyed by the
 * token's subject, which is the customer's pseudonymous reference; only the customer themself may touch it.
 */
export function createNoticePreferenceResolvers(region: string, orm: MikroORM) {
  const prefix = region.charAt(0).toUpperCase() + region.slice(1);

  @ObjectType(`${prefix}NoticePreference`, { description: `How region-${region} sends a customer's parcel notices; null fields use the region's defaults.` })
  class NoticePreferenceView {
    @Field(() => String, { nullable: true, description: 'Language of the notices (en, de, zh, th, id).' })
    language!: string | null;
    @Field(() => String, { nullable: true, description: 'IANA time zone the quiet hours are read in, e.g. Asia/Jakarta.' })
    timeZone!: string | null;
    @Field(() => String, { nullable: true, description: 'HH:MM-HH:MM: only urgent notices (delivery today, a refusal) are sent in it.' })
    quietHours!: string | null;
    @Field(() => Date, { description: 'When the customer last changed it.' })
    updatedAt!: Date;
  }

  @InputType(`${prefix}NoticePreferenceSetInput`, { description: 'The whole preference; a null field goes back to the region default.' })
  class NoticePreferenceSetInput {
    @Field(() => String, { nullable: true, description: 'Language of the notices (en, de, zh, th, id).' })
    @IsOptional()
    @IsString()
    @MaxLength(8)
    language?: string | null;
    @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. Europe/Berlin.' })
    @IsOptional()
    @IsString()
    @MaxLength(64)
    timeZone?: string | null;
    @Field(() => String, { nullable: true, description: 'Quiet hours as HH:MM-HH:MM in that zone, e.g. 22:00-07:00.' })
    @IsOptional()
    @IsString()
    @MaxLength(11)
    quietHours?: string | null;
  }

  @ObjectType(`${prefix}NoticePreferenceSetPayload`, { description: 'The stored preference, or why it was refused.' })
  class NoticePreferenceSetPayload extends MutationPayload {
    @Field(() => NoticePreferenceView, { nullable: true, description: 'The preference now in force; null when refused.' })
    preference!: NoticePreferenceView | null;
  }

  const toView = (record: NoticePreferenceRecord): NoticePreferenceView => ({
    language: record.language ?? null,
    timeZone: record.timeZone ?? null,
    quietHours: record.quietHours ?? null,
    updatedAt: record.updatedAt,
  });

  const assertOwnRegion = ({ principal }: RequestContext) => {
    if (!principal.regions.includes(region)) throw new ForbiddenError(`The caller is not a customer of region ${region}`);
  };

  @Resolver()
  class NoticePreferenceResolver {
    @Authorized('customer')
    @Query(() => NoticePreferenceView, {
      name: `${region}NoticePreference`,
      nullable: true,
      description: "The caller's notice preference; null when never set.",
    })
    async preference(@Ctx() context: RequestContext): Promise<NoticePreferenceView | null> {
      assertOwnRegion(context);
      const record = await orm.em.fork().findOne(NoticePreferenceRecord, { customerRef: context.principal.subject });
      return record ? toView(record) : null;
    }

    @Authorized('customer')
    @Mutation(() => NoticePreferenceSetPayload, {
      name: `${region}NoticePreferenceSet`,
      description: "Sets the caller's notice language, time zone and quiet hours; refusals come in `userErrors` and change nothing.",
    })
    async set(
      @Arg('input', () => NoticePreferenceSetInput, { description: 'The whole preference.' }) input: NoticePreferenceSetInput,
      @Ctx() context: RequestContext,
    ): Promise<NoticePreferenceSetPayload> {
      assertOwnRegion(context);
      const preference: NoticePreference = { language: input.language ?? null, timeZone: input.timeZone ?? null, quietHours: input.quietHours ?? null };
      const problems = validateNoticePreference(preference);
      if (problems.length > 0)
        return {
          preference: null,
          userErrors: problems.map((problem): UserError => ({ code: 'INVALID', field: ['input', problem.field], message: problem.message })),
        };
      const em = orm.em.fork();
      // One row per customer: setting it again overwrites (the last choice counts), so a retry is harmless.
      const record = await em.upsert(NoticePreferenceRecord, { customerRef: context.principal.subject, ...preference, updatedAt: new Date() });
      return { preference: toView(record), userErrors: [] };
    }
  }
  return NoticePreferenceResolver;
}
