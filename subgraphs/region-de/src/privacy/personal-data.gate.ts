import type { RequestContext } from '@hub/shared/graphql/context';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { DeFieldAccessDeniedError } from '../errors.js';
import { decideFieldAccess } from '../rules/field-access.policy.js';
import { discloseValue } from '../rules/field-disclosure.rules.js';
import { isRetainedForInvoices, type DePersonalField } from '../rules/personal-fields.js';
import type { DeSettings } from '../settings.js';
import { hasOpenCaseForCaller } from '../support/open-case.loader.js';
import { accessLogOf } from './access-log.recorder.js';
import { loadPersonalData, readPersonalValue } from './personal-data.source.js';

/** Whose data a personal-data object in the schema belongs to. */
export interface PersonalDataOwner {
  orderId: string;
  customerRef: string;
}

/**
 * The one path from storage to a client for personal data: decide with the declared policy, record the
 * read, then return the value in the allowed form, or fail this field alone with the reason.
 */
export class PersonalDataGate {
  constructor(private readonly orm: MikroORM, private readonly settings: DeSettings) {}

  async reveal(context: RequestContext, owner: PersonalDataOwner, field: DePersonalField): Promise<string | null> {
    const { principal } = context;
    const source = await loadPersonalData(context, this.orm, owner.orderId);
    const restricted = source.contact === null && source.restricted !== null && isRetainedForInvoices(field);
    const openCaseForCaller = principal.role === 'customer_service' && await hasOpenCaseForCaller(context, this.orm, owner.orderId);
    const decision = decideFieldAccess(field, principal, { region: 'de', customerRef: owner.customerRef, restricted, openCaseForCaller });
    const log = accessLogOf(context, this.orm, this.settings.clock);
    if ('denied' in decision) {
      await log.record({ orderId: owner.orderId, field, disclosure: 'DENIED', reason: decision.denied });
      throw new DeFieldAccessDeniedError(field, decision.denied);
    }
    await log.record({ orderId: owner.orderId, field, disclosure: decision.disclosure, reason: null });
    const value = readPersonalValue(source, field);
    return value === null ? null : discloseValue(field, decision.disclosure, value, this.settings.pseudonymKey);
  }
}
