import type { Principal } from '@hub/shared/auth/principal';
import { ForbiddenError } from '@hub/shared/errors';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { subjectOfRequest } from '../privacy/request-subject.js';
import { currentConsents } from '../rules/consent.rules.js';
import { DeMarketingConsentEvent } from './de-marketing-consent-event.entity.js';
import type { MarketingChannel } from './consent.types.js';

/**
 * Marketing consent as an append-only history. Customers grant it themselves; a revocation may also be
 * recorded by region de's staff on the customer's word (art. 7(3) GDPR: as easy to withdraw as to give).
 */
export class ConsentService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: () => Date,
  ) {}

  async grant(principal: Principal, channel: MarketingChannel, wordingVersion: string) {
    if (principal.role !== 'customer') throw new ForbiddenError('Only customers give their own consent');
    return this.append(principal.subject, principal.subject, channel, 'GRANTED', wordingVersion);
  }

  async revoke(principal: Principal, channel: MarketingChannel, customerRef: string | undefined) {
    return this.append(subjectOfRequest(principal, customerRef), principal.subject, channel, 'REVOKED', null);
  }

  async consentsOf(principal: Principal, customerRef: string | undefined) {
    const events = await this.orm.em
      .fork()
      .find(DeMarketingConsentEvent, { customerRef: subjectOfRequest(principal, customerRef) }, { orderBy: { id: 'asc' } });
    return { current: currentConsents(events), history: events };
  }

  /** Appends the event unless it would not change the state (a repeated click records nothing twice). */
  private async append(customerRef: string, recordedBy: string, channel: MarketingChannel, action: 'GRANTED' | 'REVOKED', wordingVersion: string | null) {
    const em = this.orm.em.fork();
    const events = await em.find(DeMarketingConsentEvent, { customerRef, channel }, { orderBy: { id: 'asc' } });
    const [state] = currentConsents(events);
    const unchanged = action === 'GRANTED' ? state?.granted === true && state.wordingVersion === wordingVersion : state?.granted !== true;
    if (!unchanged) {
      em.create(DeMarketingConsentEvent, { customerRef, channel, action, wordingVersion, recordedAt: this.clock(), recordedBy });
      await em.flush();
    }
    return this.consentsOf({ subject: customerRef, role: 'customer', regions: ['de'] }, undefined);
  }
}
