import { isRegionScoped } from '@hub/shared/auth/access';
import type { Principal } from '@hub/shared/auth/principal';
import { ForbiddenError } from '@hub/shared/errors';

export const SEA_REGION = 'sea';

/** Staff scoped to regions act on SEA orders only when their token names the SEA region. */
export function assertActsInSea(principal: Principal): void {
  if (isRegionScoped(principal) && !principal.regions.includes(SEA_REGION)) {
    throw new ForbiddenError('The caller does not act in region sea');
  }
}

/** Customers keep personal data in their home region only: a customer of another region has nothing here. */
export function assertSeaCustomer(principal: Principal): void {
  if (!principal.regions.includes(SEA_REGION)) throw new ForbiddenError('The caller is not a customer of region sea');
}
