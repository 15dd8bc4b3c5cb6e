/** One line of a line-by-line comparison: kept, removed from the older text or added in the newer one. */
export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Longest-common-subsequence line diff: expressions are short (at most 1,000 characters), so O(n·m) is fine. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before ? before.split('\n') : [];
  const b = after ? after.split('\n') : [];
  const common: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i]! });
      i += 1;
      j += 1;
    } else if (common[i + 1]![j]! >= common[i]![j + 1]!) {
      lines.push({ kind: 'removed', text: a[i++]! });
    } else {
      lines.push({ kind: 'added', text: b[j++]! });
    }
  }
  while (i < a.length) lines.push({ kind: 'removed', text: a[i++]! });
  while (j < b.length) lines.push({ kind: 'added', text: b[j++]! });
  return lines;
}

export interface ComparableRule {
  key: string;
  condition: string;
  value?: string | null;
  code?: string | null;
  target?: string | null;
  message: string;
  priority: number;
}

/** How one rule differs between two versions, matched by its key; every text field compared line by line. */
export interface RuleDiff {
  key: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  fields: { field: string; lines: DiffLine[] }[];
}

const FIELDS = ['condition', 'value', 'code', 'target', 'message', 'priority'] as const;
const text = (rule: ComparableRule | undefined, field: (typeof FIELDS)[number]) => (rule ? String(rule[field] ?? '') : '');

export function diffRuleVersions(before: readonly ComparableRule[], after: readonly ComparableRule[]): RuleDiff[] {
  const keys = [...new Set([...before.map((rule) => rule.key), ...after.map((rule) => rule.key)])];
  return keys.map((key) => {
    const old = before.find((rule) => rule.key === key);
    const next = after.find((rule) => rule.key === key);
    const fields = FIELDS.map((field) => ({ field, lines: diffLines(text(old, field), text(next, field)) })).filter(
      ({ lines }) => lines.some((line) => line.kind !== 'same') || (lines.length > 0 && (!old || !next)),
    );
    const change = !old ? 'added' : !next ? 'removed' : fields.length ? 'changed' : 'unchanged';
    return { key, change, fields };
  });
}
