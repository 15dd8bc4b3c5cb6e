import { randomUUID } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { ConflictError, InputValidationError, NotFoundError } from '@hub/shared/errors';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { recordPrivacyAction } from '../erasure/privacy-log.js';
import { assertRegionDeStaff, subjectOfRequest } from '../privacy/request-subject.js';
import { DE_PERSONAL_FIELDS } from '../rules/personal-fields.js';
import { liftLegalBasis, RESTRICTION_GROUND_RULES, validateLift, validateRestrictionRequest, type RestrictionGround } from '../rules/restriction.rules.js';
import { DeProcessingRestriction } from './de-processing-restriction.entity.js';

export interface RestrictionRequest {
  customerRef?: string | undefined;
  ground: RestrictionGround;
  note?: string | null | undefined;
  idempotencyKey: string;
}

export interface RestrictionLift {
  restrictionId: string;
  reason: string;
  subjectInformed: boolean;
}

/** A restriction covers every personal field region-de holds of the customer; the log names them, never their values. */
const COVERED_FIELDS = [...DE_PERSONAL_FIELDS, 'marketingConsents', 'noticePreference'];

/**
 * GDPR art. 18 requests: a restriction is recorded with its ground and takes effect at once wherever region-de
 * reads the customer's data (the disclosure gate, parcel notices); lifting it needs the subject informed first.
 * Each step writes its privacy-log row in the same transaction.
 */
export class RestrictionService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: () => Date,
  ) {}

  async request(principal: Principal, input: RestrictionRequest): Promise<DeProcessingRestriction> {
    const customerRef = subjectOfRequest(principal, input.customerRef ?? undefined);
    const problem = validateRestrictionRequest(input);
    if (problem) throw new InputValidationError(problem.field, problem.message);
    const note = input.note?.trim() || null;
    const command = { customerRef, ground: input.ground, note, requestedBy: principal.subject, idempotencyKey: input.idempotencyKey };
    try {
      return await this.orm.em.fork().transactional((em) => this.restrict(em, command));
    } catch (error) {
      // A twin request committed between our read and our insert: the same key answers with its restriction.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const twin = await this.orm.em.fork().findOne(DeProcessingRestriction, { requestedBy: command.requestedBy, idempotencyKey: command.idempotencyKey });
      if (twin) return sameRequest(twin, command);
      throw alreadyInForce();
    }
  }

  async lift(principal: Principal, input: RestrictionLift): Promise<DeProcessingRestriction> {
    assertRegionDeStaff(principal);
    const problem = validateLift(input);
    if (problem) throw new InputValidationError(problem.field, problem.message);
    const reason = input.reason.trim();
    return this.orm.em.fork().transactional(async (em) => {
      const restriction = await em.findOne(DeProcessingRestriction, { id: input.restrictionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!restriction) throw new NotFoundError('Restriction', input.restrictionId);
      if (restriction.liftedAt) {
        // A retried lift answers with what it did; a different one is told that it came too late.
        if (restriction.liftedBy === principal.subject && restriction.liftReason === reason) return restriction;
        throw new ConflictError('This restriction was already lifted', { field: 'restrictionId' });
      }
      const now = this.clock();
      Object.assign(restriction, { liftedAt: now, liftedBy: principal.subject, liftReason: reason, subjectInformedAt: now });
      recordPrivacyAction(em, now, {
        customerRef: restriction.customerRef,
        orderId: null,
        action: 'RESTRICTION_LIFTED',
        fields: COVERED_FIELDS,
        legalBasis: liftLegalBasis(restriction.ground),
        actor: principal.subject,
      });
      await em.flush();
      return restriction;
    });
  }

  async restrictionsOf(principal: Principal, customerRefArg: string | undefined) {
    const customerRef = subjectOfRequest(principal, customerRefArg);
    const history = await this.orm.em.fork().find(DeProcessingRestriction, { customerRef }, { orderBy: { requestedAt: 'desc', id: 'asc' } });
    return { customerRef, history };
  }

  private async restrict(
    em: EntityManager,
    command: Omit<DeProcessingRestriction, 'id' | 'requestedAt' | 'liftedAt' | 'liftedBy' | 'liftReason' | 'subjectInformedAt'>,
  ) {
    const earlier = await em.findOne(DeProcessingRestriction, { requestedBy: command.requestedBy, idempotencyKey: command.idempotencyKey });
    if (earlier) return sameRequest(earlier, command);
    if (await em.findOne(DeProcessingRestriction, { customerRef: command.customerRef, liftedAt: null }, { fields: ['id'] })) throw alreadyInForce();
    const now = this.clock();
    const restriction = em.create(DeProcessingRestriction, { id: randomUUID(), ...command, requestedAt: now });
    recordPrivacyAction(em, now, {
      customerRef: command.customerRef,
      orderId: null,
      action: 'PROCESSING_RESTRICTED',
      fields: COVERED_FIELDS,
      legalBasis: RESTRICTION_GROUND_RULES[command.ground].legalBasis,
      actor: command.requestedBy,
    });
    await em.flush();
    return restriction;
  }
}

function sameRequest(earlier: DeProcessingRestriction, command: Pick<DeProcessingRestriction, 'customerRef' | 'ground' | 'note'>): DeProcessingRestriction {
  const same = earlier.customerRef === command.customerRef && earlier.ground === command.ground && (earlier.note ?? null) === (command.note ?? null);
  if (!same) throw new ConflictError('This idempotency key was already used for a different request', { field: 'idempotencyKey' });
  return earlier;
}

const alreadyInForce = () =>
  new ConflictError("A restriction of this customer's data is already in force; lift it before asking on another ground", { field: 'customerRef' });
