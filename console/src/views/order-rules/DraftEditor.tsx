import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import type { RuleModule } from '../../gql/graphql';
import { problemsOf } from '../../ui/problems';
import { ProblemNotice, UserErrors } from '../../ui/ProblemNotice';
import { REGION_CHOICES, SelectField } from '../../ui/SelectField';
import { crossBorderRefusalRule, giftRule, percentDiscountRule, pointsRules, presaleRules, type RuleDraft } from './rule-templates';
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

type Template = 'percent-discount' | 'cross-border-refusal' | 'presale' | 'points' | 'gift' | 'expression';
const TEMPLATES: ReadonlyArray<readonly [Template, string]> = [
  ['percent-discount', 'Percent discount above a threshold'],
  ['cross-border-refusal', 'Refuse cross-border orders of a category'],
  ['presale', 'Presale with deposit expansion'],
  ['points', 'Loyalty points'],
  ['gift', 'Gift with purchase'],
  ['expression', 'Write the expression'],
];

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);

/**
 * A new draft: the previous version's rules are kept, and rules are added from a form (percent discount above a
 * threshold, cross-border refusal, presale, points, gift with purchase) or written as CEL. The generated CEL is
 * shown and editable.
 */
export function DraftEditor({ ruleSetKey, module, latest }: { ruleSetKey: string; module: RuleModule; latest: RuleVersion | undefined }) {
  const [template, setTemplate] = useState<Template>(
    module === 'VALIDATION'
      ? 'cross-border-refusal'
      : module === 'PRICING'
        ? 'percent-discount'
        : module === 'PRESALE'
          ? 'presale'
          : module === 'POINTS'
            ? 'points'
            : module === 'GIFT'
              ? 'gift'
              : 'expression',
  );
  const [presale, setPresale] = useState({ sku: 'TEA-LJ-250', deposit: 5000, countsAs: 8000, opens: inDays(7), closes: inDays(9), reminders: '1440, 60' });
  const [points, setPoints] = useState({ earnPer100: 1, pointValue: 1, capPercent: 50 });
  const [gift, setGift] = useState({ giftSku: 'SILK', withSku: '', label: '' });
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

  // Presale and points write one rule per term under one condition; the others write a single rule.
  const generatedRules: RuleDraft[] =
    template === 'percent-discount'
      ? [percentDiscountRule({ thresholdMinor: threshold, percent, region })]
      : template === 'cross-border-refusal'
        ? [crossBorderRefusalRule({ category, hazardousOnly, code, message })]
        : template === 'presale'
          ? presaleRules({
              sku: presale.sku,
              depositMinor: presale.deposit,
              countsAsMinor: presale.countsAs,
              finalOpensAt: new Date(presale.opens).toISOString(),
              finalClosesAt: new Date(presale.closes).toISOString(),
              remindBeforeMinutes: presale.reminders.split(/[ ,]+/).filter(Boolean).map(Number),
            })
          : template === 'points'
            ? pointsRules({ earnPer100: points.earnPer100, pointValueMinor: points.pointValue, spendCapPercent: points.capPercent, region })
            : template === 'gift'
              ? [giftRule({ ...gift, thresholdMinor: threshold, region })]
              : [custom];
  const terms = template === 'presale' || template === 'points';
  const [edited, setEdited] = useState<{ condition: string; value: string } | null>(null);
  const rules = generatedRules.map((generated) =>
    terms ? { ...generated, ...(edited ? { condition: edited.condition } : {}) } : { ...generated, ...(edited ?? {}) },
  );
  const rule = rules[0]!;
  const kept = (latest?.rules ?? [])
    .filter((previous) => !rules.some((added) => added.key === previous.key))
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
    const added = rules.map((one) => ({
      key: one.key,
      description: one.description,
      condition: one.condition,
      message: one.message,
      priority: one.priority,
      ...(one.value ? { value: one.value } : {}),
      ...(one.code ? { code: one.code } : {}),
      ...(one.target ? { target: one.target } : {}),
    }));
    void draft({ variables: { input: { ruleSetKey, rules: [...kept, ...added], effectiveFrom: new Date(from).toISOString(), note } } });
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
        <SelectField<Template> id="draft-template" label="Rule" value={template} choices={TEMPLATES} onChange={change(setTemplate)} />
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
            <RegionSelect id="draft-region" value={region} onChange={change(setRegion)} />
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
        {template === 'presale' ? (
          <>
            <div>
              <label htmlFor="draft-presale-sku">Presale SKU</label>
              <input id="draft-presale-sku" value={presale.sku} onChange={(event) => change(setPresale)({ ...presale, sku: event.target.value })} />
            </div>
            <div>
              <label htmlFor="draft-deposit">Deposit (minor units)</label>
              <input
                id="draft-deposit"
                type="number"
                min={0}
                value={presale.deposit}
                onChange={(event) => change(setPresale)({ ...presale, deposit: Number(event.target.value) })}
              />
            </div>
            <div>
              <label htmlFor="draft-counts-as">Deposit counts as (minor units)</label>
              <input
                id="draft-counts-as"
                type="number"
                min={0}
                value={presale.countsAs}
                onChange={(event) => change(setPresale)({ ...presale, countsAs: Number(event.target.value) })}
              />
            </div>
            <div>
              <label htmlFor="draft-final-opens">Final payment opens</label>
              <input
                id="draft-final-opens"
                type="datetime-local"
                value={presale.opens}
                onChange={(event) => change(setPresale)({ ...presale, opens: event.target.value })}
              />
            </div>
            <div>
              <label htmlFor="draft-final-closes">Final payment closes</label>
              <input
                id="draft-final-closes"
                type="datetime-local"
                value={presale.closes}
                onChange={(event) => change(setPresale)({ ...presale, closes: event.target.value })}
              />
            </div>
            <div>
              <label htmlFor="draft-reminders">Reminders (minutes before closing)</label>
              <input id="draft-reminders" value={presale.reminders} onChange={(event) => change(setPresale)({ ...presale, reminders: event.target.value })} />
            </div>
          </>
        ) : null}
        {template === 'points' ? (
          <>
            <div>
              <label htmlFor="draft-earn">Points per 100 paid in cash</label>
              <input
                id="draft-earn"
                type="number"
                min={0}
                value={points.earnPer100}
                onChange={(event) => change(setPoints)({ ...points, earnPer100: Number(event.target.value) })}
              />
            </div>
            <div>
              <label htmlFor="draft-point-value">One point pays (minor units)</label>
              <input
                id="draft-point-value"
                type="number"
                min={0}
                value={points.pointValue}
                onChange={(event) => change(setPoints)({ ...points, pointValue: Number(event.target.value) })}
              />
            </div>
            <div>
              <label htmlFor="draft-cap">Points pay at most (%)</label>
              <input
                id="draft-cap"
                type="number"
                min={0}
                max={100}
                value={points.capPercent}
                onChange={(event) => change(setPoints)({ ...points, capPercent: Number(event.target.value) })}
              />
            </div>
            <RegionSelect id="draft-points-region" value={region} onChange={change(setRegion)} />
          </>
        ) : null}
        {template === 'gift' ? (
          <>
            <div>
              <label htmlFor="draft-gift-sku">Gift SKU</label>
              <input id="draft-gift-sku" value={gift.giftSku} onChange={(event) => change(setGift)({ ...gift, giftSku: event.target.value })} />
            </div>
            <div>
              <label htmlFor="draft-gift-threshold">Items total from (minor units)</label>
              <input id="draft-gift-threshold" type="number" min={0} value={threshold} onChange={(event) => change(setThreshold)(Number(event.target.value))} />
            </div>
            <div>
              <label htmlFor="draft-gift-with">Only with SKU (optional)</label>
              <input id="draft-gift-with" value={gift.withSku} onChange={(event) => change(setGift)({ ...gift, withSku: event.target.value })} />
            </div>
            <RegionSelect id="draft-gift-region" value={region} onChange={change(setRegion)} />
            <div>
              <label htmlFor="draft-gift-label">Label for the customer</label>
              <input id="draft-gift-label" value={gift.label} onChange={(event) => change(setGift)({ ...gift, label: event.target.value })} />
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
      {terms ? (
        <table className="data" data-testid="draft-terms">
          <caption>Rules this form writes (one per term, under the condition above)</caption>
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col">Value (CEL)</th>
              <th scope="col">Rule key</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((one) => (
              <tr key={one.key}>
                <td>{one.target}</td>
                <td className="cel">{one.value}</td>
                <td>{one.key}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : module !== 'VALIDATION' ? (
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

/** Every form's "only in region" choice: empty for any region. */
function RegionSelect({ id, value, onChange }: { id: string; value: string; onChange: (region: string) => void }) {
  return <SelectField id={id} label="Only in region" value={value} choices={[['', 'Any'], ...REGION_CHOICES]} onChange={onChange} />;
}
