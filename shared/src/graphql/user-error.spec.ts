import 'reflect-metadata';
import { ConflictError, DomainError, ForbiddenError, InputValidationError, NotFoundError, ServiceUnavailableError } from '../errors.js';
import { fieldPath, toUserError, toUserErrors, USER_ERROR_CODES, withUserErrors } from './user-error.js';

describe('toUserError', () => {
  it.each([
    [
      'a bad value',
      new InputValidationError('lines.0.quantity', 'Too many'),
      { code: 'INVALID', field: ['input', 'lines', '0', 'quantity'], message: 'Too many' },
    ],
    ['a missing entity', new NotFoundError('Order', 'x'), { code: 'NOT_FOUND', field: null, message: 'Order not found' }],
    [
      'a stale version',
      new ConflictError('Changed meanwhile', { field: 'expectedVersion' }),
      { code: 'CONFLICT', field: ['input', 'expectedVersion'], message: 'Changed meanwhile' },
    ],
    ['an illegal move', new DomainError('INVALID_STATUS_TRANSITION', 'No'), { code: 'INVALID_STATUS_TRANSITION', field: null, message: 'No' }],
    [
      'a known rule',
      new DomainError('BAD_USER_INPUT', 'Too much', { field: 'paymentMethod', rule: 'COD_LIMIT_EXCEEDED' }),
      { code: 'COD_LIMIT_EXCEEDED', field: ['input', 'paymentMethod'], message: 'Too much' },
    ],
    [
      'an unknown rule',
      new DomainError('BAD_USER_INPUT', 'Odd', { field: 'x', rule: 'SOMETHING_NEW' }),
      { code: 'INVALID', field: ['input', 'x'], message: 'Odd' },
    ],
  ])('maps %s', (_name, error, expected) => {
    expect(toUserError(error)).toEqual(expected);
  });

  it.each([
    ['not allowed', new ForbiddenError()],
    ['a service down', new ServiceUnavailableError('core is down')],
    ['a bug', new TypeError('undefined is not a function')],
  ])('leaves %s to the top-level errors', (_name, error) => {
    expect(toUserError(error)).toBeUndefined();
  });

  it('describes every code', () => {
    for (const description of Object.values(USER_ERROR_CODES)) expect(description.length).toBeGreaterThan(10);
  });
});

describe('toUserErrors', () => {
  it('lists every problem an error carries, each with its field and rule', () => {
    const error = new DomainError('BAD_USER_INPUT', 'first', {
      field: 'lines.0.sku',
      rule: 'UNKNOWN_SKU',
      problems: [
        { field: 'lines.0.sku', rule: 'UNKNOWN_SKU', message: 'Line 1: unknown' },
        { field: 'lines.2.unitPrice', rule: 'PRICE_DIFFERS', message: 'lines[2].unitPrice differs' },
      ],
    });
    expect(toUserErrors(error)).toEqual([
      { code: 'UNKNOWN_SKU', field: ['input', 'lines', '0', 'sku'], message: 'Line 1: unknown' },
      { code: 'PRICE_DIFFERS', field: ['input', 'lines', '2', 'unitPrice'], message: 'lines[2].unitPrice differs' },
    ]);
  });

  it('is the one refusal of an error without a list, and nothing for what the caller did not cause', () => {
    expect(toUserErrors(new InputValidationError('id', 'Bad'))).toEqual([{ code: 'INVALID', field: ['input', 'id'], message: 'Bad' }]);
    expect(toUserErrors(new ForbiddenError())).toBeUndefined();
  });
});

describe('fieldPath', () => {
  it.each([
    ['lines.0.quantity', 'input', ['input', 'lines', '0', 'quantity']],
    ['input.slotId', 'input', ['input', 'slotId']],
    ['id', undefined, ['id']],
  ])('%s under %s', (field, argument, expected) => {
    expect(fieldPath(field, argument)).toEqual(expected);
  });
});

describe('withUserErrors', () => {
  it('answers the result with no errors on success', async () => {
    await expect(withUserErrors(async () => ({ order: { id: '1' } }))).resolves.toEqual({ order: { id: '1' }, userErrors: [] });
  });

  it('answers a refusal with a null result', async () => {
    const payload = await withUserErrors(async (): Promise<{ order: object }> => {
      throw new NotFoundError('Order', '1');
    });
    expect(payload.order).toBeUndefined();
    expect(payload.userErrors).toEqual([{ code: 'NOT_FOUND', field: null, message: 'Order not found' }]);
  });

  it('throws on what the caller did not cause', async () => {
    await expect(
      withUserErrors(async () => {
        throw new ForbiddenError();
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
