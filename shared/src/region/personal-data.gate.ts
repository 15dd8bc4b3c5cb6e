import type { EntityName } from '@mikro-orm/core';
import type { RequestContext } from '../graphql/context.js';
import type { MikroORM } from '../persistence/orm.js';
import { accessLogOf } from './personal-data.access-log.js';
import { PersonalDataErasedError, PersonalDataWithheldError } from './personal-data.errors.js';
import { decideDisclosure, discloseValue, type DisclosurePolicy } from './personal-data.policy.js';
import { loadByOrderId } from './regional-order.loader.js';

/** What a region holds of one field: a value (null when never given), possibly restricted; or that it was erased. */
export type StoredField = { state: 'HELD'; value: string | null; restricted: boolean } | { state: 'ERASED' };

export const held = (value: string | null | undefined, restricted = false): StoredField => ({ state: 'HELD', value: value ?? null, restricted });

/** Where a region's personal data lives; reads are batched per request by the region. */
export interface PersonalDataSource<F extends string> {
  read(context: RequestContext, orderId: string, field: F): Promise<StoredField>;
  /** Only regions whose policy grants fields for an open support case need this. */
  openCaseForCaller?(context: RequestContext, orderId: string): Promise<boolean>;
}

/** Whose data a personal-data object in the schema belongs to; carried by the object to its field resolvers. */
export interface PersonalDataSubject {
  orderId: string;
  customerRef: string;
}

/**
 * The one path from storage to a client for personal data, in every region: decide with the region's declared
 * policy, record the read, then return the value in the allowed form, or fail this field alone with the reason.
 * Resolvers never decide what a caller sees.
 */
export class PersonalDataGate<F extends string> {
  constructor(
    private readonly policy: DisclosurePolicy<F>,
    private readonly source: PersonalDataSource<F>,
    private readonly orm: MikroORM,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async reveal(context: RequestContext, subject: PersonalDataSubject, field: F): Promise<string | null> {
    const stored = await this.source.read(context, subject.orderId, field);
    const restricted = stored.state === 'HELD' && stored.restricted;
    const openCaseForCaller = context.principal.role === 'customer_service' && (await this.source.openCaseForCaller?.(context, subject.orderId)) === true;
    const decision = decideDisclosure(this.policy, field, context.principal, { customerRef: subject.customerRef, restricted, openCaseForCaller });
    const log = accessLogOf(context, this.orm, this.clock);
    if ('denied' in decision) {
      await log.record({ orderId: subject.orderId, field, disclosure: 'DENIED', reason: decision.denied });
      throw new PersonalDataWithheldError(field, decision.denied);
    }
    // Only a caller who may see the value learns that it was erased.
    if (stored.state === 'ERASED') {
      await log.record({ orderId: subject.orderId, field, disclosure: 'ERASED', reason: null });
      throw new PersonalDataErasedError(field);
    }
    await log.record({ orderId: subject.orderId, field, disclosure: decision.disclosure, reason: null });
    return stored.value === null ? null : discloseValue(this.policy, field, decision.disclosure, stored.value);
  }
}

/** A source for regions that keep one row of personal data per order and never restrict or erase it. */
export function rowSource<T extends { orderId: string }, F extends string>(
  orm: MikroORM,
  entity: EntityName<T>,
  valueOf: (row: T, field: F) => string | null | undefined,
): PersonalDataSource<F> {
  return {
    async read(context, orderId, field) {
      const row = await loadByOrderId(context, orm, entity, orderId);
      return held(row ? valueOf(row, field) : null);
    },
  };
}
