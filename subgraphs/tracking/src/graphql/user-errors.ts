import type { UserError, UserErrorCode } from '@hub/shared/graphql/user-error';

export const userError = (code: UserErrorCode, message: string, field?: string[]): UserError => ({ code, message, field: field ?? null });
