import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import type { RuleModule } from '../../gql/graphql';
import { problemsOf } from '../../ui/problems';
import { ProblemNotice, UserErrors } from '../../ui/ProblemNotice';
import { crossBorderRefusalRule, percentDiscountRule, type RuleDraft } from './rule-templates';
import type { RuleVersion } from './RuleSetDetail';

const DraftMutation = graphql(`
  mutation ConsoleRuleDraft($input: DraftRuleVersionInput!) {
    ruleVersionDraft(input: $input) {
      userErrors {
        code
        field
        message
      }
      problems {
        code
        field
        message
        position {
          line
          column
        }
      }
      version {
        id
        number
        status
      }
    }
  }
`);

type Template = 'percent-discount' | 'cross-border-refusal' | 'expression';

/**
 * A new draft: the previous version's rules are kept, and one rule is added from a form (percent discount
 * above a threshold, or a cross-border refusal) or written as CEL. The generated CEL is shown and editable.
 */
export function DraftEditor({ ruleSetKey, module, latest }: { ruleSetKey: string; module: RuleModule; latest: RuleVersion | undefined }) {
  const [template, setTemplate] = useState<Template>(
    module === 'VALIDATION' ? 'cross-border-refusal' : module === 'PRICING' ? 'percent-discount' : 'expression',
  );
  const [threshold, setThreshold] = useState(10000);
  const [percent, setPercent] = useState(10);
  const [region, setRegion] = useState('');
  const [category, setCategory] = useState('ELECTRONICS');
  const [hazardousOnly, setHazardousOnly] = useState(true);
  const [code, setCode] = useState('CROSS_BORDER_NOT_ALLOWED');
  const [message, setMessage] = useState('This product may not be shipped across borders');
  const [custom, setCustom] = useState<RuleDraft>({ key: 'new-rule', description: '', condition: 'true', value: '', message: 'New rule', priority: 0 });
  const [note, setNote] = useState('');
  const [from, setFrom] = useState(() => new Date(Date.now() + 60_000).toISOString().slice(0, 16));
  const [draft, drafted] = useMutation(DraftMutation, { refetchQueries: ['ConsoleRuleSetVersions'] });

  const generated: RuleDraft =
    template === 'percent-discount'
      ? percentDiscountRule({ thresholdMinor: threshold, percent, region })
      : template === 'cross-border-refusal'
        ? crossBorderRefusalRule({ category, hazardousOnly, code, message })
        : custom;
  const [edited, setEdited] = useState<{ condition: string; value: string } | null>(null);
  const rule = { ...generated, ...(edited ?? {}) };
  const kept = (latest?.rules ?? [])
    .filter((previous) => previous.key !== rule.key)
    .map(({ key, description, condition, value, code: refusal, target, message: text, priority }) => ({
      key,
      description,
      condition,
      message: text,
      priority,
      ...(value ? { value } : {}),
      ...(refusal ? { code: refusal } : {}),
      ...(target ? { target } : {}),
    }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const added = {
      key: rule.key,
      description: rule.description,
      condition: rule.condition,
      message: rule.message,
      priority: rule.priority,
      ...(rule.value ? { value: rule.value } : {}),
      ...(rule.code ? { code: rule.code } : {}),
    };
    void draft({ variables: { input: { ruleSetKey, rules: [...kept, added], effectiveFrom: new Date(from).toISOString(), note } } });
  };
  const change =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setEdited(null);
      set(value);
    };
  const payload = drafted.data?.ruleVersionDraft;

  return (
    <form className="card draft-editor" onSubmit={submit} aria-label="New draft" data-testid="draft-editor">
      <h3>New draft{latest ? ` (keeps the ${latest.rules.length} rule${latest.rules.length === 1 ? '' : 's'} of v${latest.number})` : ''}</h3>
      <div className="filters">
        <div>
          <label htmlFor="draft-template">Rule</label>
          <select id="draft-template" value={template} onChange={(event) => change(setTemplate)(event.target.value as Template)}>
            <option value="percent-discount">Percent discount above a threshold</option>
            <option value="cross-border-refusal">Refuse cross-border orders of a category</option>
            <option value="expression">Write the expression</option>
          </select>
        </div>
        {template === 'percent-discount' ? (
          <>
            <div>
              <label htmlFor="draft-threshold">Items total from (minor units)</label>
              <input id="draft-threshold" type="number" min={0} value={threshold} onChange={(event) => change(setThreshold)(Number(event.target.value))} />
            </div>
            <div>
              <label htmlFor="draft-percent">Percent off</label>
              <input id="draft-percent" type="number" min={1} max={100} value={percent} onChange={(event) => change(setPercent)(Number(event.target.value))} />
            </div>
            <div>
              <label htmlFor="draft-region">Only in region</label>
              <select id="draft-region" value={region} onChange={(event) => change(setRegion)(event.target.value)}>
                <option value="">Any</option>
                <option value="cn">CN</option>
                <option value="de">DE</option>
                <option value="sea">SEA</option>
              </select>
            </div>
          </>
        ) : null}
        {template === 'cross-border-refusal' ? (
          <>
            <div>
              <label htmlFor="draft-category">Category</label>
              <input id="draft-category" value={category} onChange={(event) => change(setCategory)(event.target.value)} />
            </div>
            <div>
              <label className="inline">
                <input type="checkbox" checked={hazardousOnly} onChange={(event) => change(setHazardousOnly)(event.target.checked)} /> hazardous only
              </label>
            </div>
            <div>
              <label htmlFor="draft-code">Refusal code</label>
              <input id="draft-code" value={code} onChange={(event) => change(setCode)(event.target.value)} />
            </div>
            <div>
              <label htmlFor="draft-message">Message</label>
              <input id="draft-message" value={message} onChange={(event) => change(setMessage)(event.target.value)} />
            </div>
          </>
        ) : null}
        {template === 'expression' ? (
          <>
            <div>
              <label htmlFor="draft-key">Rule key</label>
              <input id="draft-key" value={custom.key} onChange={(event) => setCustom({ ...custom, key: event.target.value })} />
            </div>
            <div>
              <label htmlFor="draft-rule-message">Message</label>
              <input id="draft-rule-message" value={custom.message} onChange={(event) => setCustom({ ...custom, message: event.target.value })} />
            </div>
          </>
        ) : null}
      </div>
      <label htmlFor="draft-condition">Condition (CEL)</label>
      <textarea
        id="draft-condition"
        rows={3}
        className="cel"
        value={rule.condition}
        onChange={(event) => setEdited({ condition: event.target.value, value: rule.value ?? '' })}
      />
      {module !== 'VALIDATION' ? (
        <>
          <label htmlFor="draft-value">Value (CEL)</label>
          <input
            id="draft-value"
            className="cel"
            value={rule.value ?? ''}
            onChange={(event) => setEdited({ condition: rule.condition, value: event.target.value })}
          />
        </>
      ) : null}
      <div className="filters">
        <div>
          <label htmlFor="draft-from">In force from</label>
          <input id="draft-from" type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div>
          <label htmlFor="draft-note">Note</label>
          <input id="draft-note" value={note} onChange={(event) => setNote(event.target.value)} autoComplete="off" />
        </div>
      </div>
      <button type="submit" disabled={drafted.loading}>
        Save draft
      </button>
      {payload?.version ? (
        <p role="status" data-testid="draft-saved">
          Draft v{payload.version.number} saved.
        </p>
      ) : null}
      <UserErrors errors={payload?.userErrors} />
      {payload?.problems.length ? (
        <ul className="problems" data-testid="draft-problems">
          {payload.problems.map((problem, i) => (
            <li key={i}>
              {problem.field.join('.')}
              {problem.position ? ` (line ${problem.position.line}, column ${problem.position.column})` : ''}: {problem.message}
            </li>
          ))}
        </ul>
      ) : null}
      <ProblemNotice problems={problemsOf(drafted.error)} compact />
    </form>
  );
}
