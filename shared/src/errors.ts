/** Codes a client can rely on in `extensions.code`; anything else becomes INTERNAL_SERVER_ERROR. */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STATUS_TRANSITION',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A failure the domain expects and a client can act on. It carries a stable `code` and only details
 * that are safe to show to the caller (never personal data, SQL or internals).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class InputValidationError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('BAD_USER_INPUT', message, { field });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'A valid bearer token is required') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Not allowed for this caller') {
    super('FORBIDDEN', message);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', `${entity} not found`, { entity, ...(isEchoableKey(id) ? { id } : {}) });
  }
}

/**
 * Only keys that look like identifiers are echoed back: anything else may be a megabyte of junk or
 * something personal a caller pasted by mistake, and the caller knows what it sent anyway.
 */
export function isEchoableKey(key: string): boolean {
  return /^[A-Za-z0-9._:-]{1,64}$/.test(key);
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SERVICE_UNAVAILABLE', message, { retryable: true }, options);
  }
}
