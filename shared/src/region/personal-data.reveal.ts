import type { Principal } from '../auth/principal.js';
import { ForbiddenError } from '../errors.js';
import { personalDataAccess, type PersonalDataOwner } from './personal-data.policy.js';

/**
 * Applies the personal-data policy to one value: the value, its masked form, or a FORBIDDEN error that
 * GraphQL reports on that field alone (the field resolves to null; the error names no value).
 */
export function revealPersonalData<T>(principal: Principal, owner: PersonalDataOwner, value: T, mask: (value: T) => T): T {
  const access = personalDataAccess(principal, owner);
  if (access === 'full') return value;
  if (access === 'masked') return mask(value);
  throw new ForbiddenError('Personal data of this order is not visible to the caller');
}
