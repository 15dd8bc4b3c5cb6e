import { DomainError } from '../errors.js';
import type { DenialReason } from './personal-data.policy.js';

/** A personal-data field the caller may not see; GraphQL reports it on that field alone. Names the field and why, never a value. */
export class PersonalDataWithheldError extends DomainError {
  constructor(field: string, reason: DenialReason) {
    super('FORBIDDEN', 'This personal-data field is not disclosed to the caller', { field, reason });
  }
}

/** The field held a value that was erased (GDPR art. 17); a field never given is plain null instead. */
export class PersonalDataErasedError extends DomainError {
  constructor(field: string) {
    super('NOT_FOUND', 'This personal-data field was erased', { field, reason: 'ERASED' });
  }
}
