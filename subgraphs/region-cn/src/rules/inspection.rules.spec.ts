import { DomainError } from '@hub/shared/errors';
import { assertValidInspection, type InspectedLine } from './inspection.rules.js';

const returned = [
  { lineNo: 1, sealedMedia: false },
  { lineNo: 2, sealedMedia: true },
];
const fieldOf = (inspected: InspectedLine[]) => {
  try {
    assertValidInspection(returned, inspected);
    return null;
  } catch (error) {
    return (error as DomainError).details.field;
  }
};

describe('inspection findings', () => {
  it.each<[string, InspectedLine[]]>([
    [
      'both complete',
      [
        { lineNo: 1, complete: true },
        { lineNo: 2, complete: true },
      ],
    ],
    [
      'opened to inspect, still complete',
      [
        { lineNo: 1, complete: true, packagingOpened: true },
        { lineNo: 2, complete: true, packagingOpened: true },
      ],
    ],
    [
      'one incomplete with a reason',
      [
        { lineNo: 1, complete: false, reason: 'TAGS_REMOVED' },
        { lineNo: 2, complete: true },
      ],
    ],
    [
      'a CD the customer unsealed',
      [
        { lineNo: 1, complete: true },
        { lineNo: 2, complete: false, reason: 'MEDIA_UNSEALED' },
      ],
    ],
  ])('accepts %s', (_label, inspected) => {
    expect(fieldOf(inspected)).toBeNull();
  });

  it.each<[string, InspectedLine[], string]>([
    [
      'incomplete without a reason',
      [
        { lineNo: 1, complete: false },
        { lineNo: 2, complete: true },
      ],
      'lines.0.reason',
    ],
    [
      'complete with a reason',
      [
        { lineNo: 1, complete: true, reason: 'SOILED_OR_DAMAGED' },
        { lineNo: 2, complete: true },
      ],
      'lines.0.reason',
    ],
    [
      '"unsealed" for goods that are not media',
      [
        { lineNo: 1, complete: false, reason: 'MEDIA_UNSEALED' },
        { lineNo: 2, complete: true },
      ],
      'lines.0.reason',
    ],
    ['a line not in the return', [{ lineNo: 3, complete: true }], 'lines.0.lineNo'],
    [
      'a line twice',
      [
        { lineNo: 1, complete: true },
        { lineNo: 1, complete: true },
      ],
      'lines.1.lineNo',
    ],
    ['a line left out', [{ lineNo: 1, complete: true }], 'lines'],
  ])('refuses %s', (_label, inspected, field) => {
    expect(fieldOf(inspected)).toBe(field);
  });
});
