import type { UserErrorCode } from '@hub/shared/graphql/user-error';

/** An expected refusal the caller can act on; mapped to the payload's `userErrors`. */
export interface Refusal {
  code: UserErrorCode;
  field: string[] | null;
  message: string;
}

export class RefusedError extends Error {
  constructor(readonly refusals: Refusal[]) {
    super(refusals.map((refusal) => refusal.message).join('; '));
    this.name = 'RefusedError';
  }
}

export const refuse = (code: UserErrorCode, field: string[] | null, message: string) => new RefusedError([{ code, field, message }]);
