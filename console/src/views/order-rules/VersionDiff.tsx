import { useState } from 'react';
import { diffRuleVersions } from './rule-diff';
import type { RuleVersion } from './RuleSetDetail';
import { SelectField, type Choice } from '../../ui/SelectField';

const SIGN = { same: ' ', removed: '−', added: '+' } as const;

/** Two versions side by side as a readable diff: per rule key, every changed field line by line. */
export function VersionDiff({ versions }: { versions: RuleVersion[] }) {
  const [toNumber, setTo] = useState(versions[0]!.number);
  const [fromNumber, setFrom] = useState(versions[1]!.number);
  const from = versions.find((version) => version.number === fromNumber);
  const to = versions.find((version) => version.number === toNumber);
  const diff = from && to ? diffRuleVersions(from.rules, to.rules) : [];
  const choices = versions.map((version): Choice => [String(version.number), `v${version.number} (${version.status.toLowerCase()})`]);
  return (
    <details className="diff" data-testid="version-diff">
      <summary>Compare versions</summary>
      <div className="filters">
        <SelectField id="diff-from" label="From" value={String(fromNumber)} choices={choices} onChange={(number) => setFrom(Number(number))} />
        <SelectField id="diff-to" label="To" value={String(toNumber)} choices={choices} onChange={(number) => setTo(Number(number))} />
      </div>
      {diff.every((rule) => rule.change === 'unchanged') ? <p className="empty">The rules are the same.</p> : null}
      {diff
        .filter((rule) => rule.change !== 'unchanged')
        .map((rule) => (
          <div key={rule.key} className={`diff-rule diff-${rule.change}`} data-testid="diff-rule" data-change={rule.change}>
            <h4>
              {rule.key} · {rule.change}
            </h4>
            {rule.fields.map(({ field, lines }) => (
              <div key={field}>
                <p className="meta">{field}</p>
                <pre className="cel" aria-label={`${rule.key} ${field}`}>
                  {lines.map((line, index) => (
                    <span key={index} className={`diff-line diff-line-${line.kind}`}>
                      {SIGN[line.kind]} {line.text}
                      {'\n'}
                    </span>
                  ))}
                </pre>
              </div>
            ))}
          </div>
        ))}
    </details>
  );
}
