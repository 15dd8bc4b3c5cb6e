import { formatOrderNumber } from './order-number.js';

describe('formatOrderNumber', () => {
  it('joins region, UTC date and a padded sequence', () => {
    expect(formatOrderNumber('cn', new Date('2026-11-25T10:00:00Z'), 42)).toBe('CN-261125-000042');
  });
});
