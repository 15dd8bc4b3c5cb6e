import { humanise } from './format';

/** One choice of a select: the value sent, and what a person reads. */
export type Choice = readonly [value: string, label: string];

/** The hub's regions, for a form to put after its own "none chosen" choice. */
export const REGION_CHOICES: readonly Choice[] = [
  ['cn', 'CN'],
  ['de', 'DE'],
  ['sea', 'SEA'],
];

/** An API enum's values, named as the console names them everywhere. */
export const enumChoices = (values: readonly string[]): Choice[] => values.map((value) => [value, humanise(value)]);

/**
 * The labelled select every form uses: the label names the select (what screen readers announce and the browser
 * tests find it by), and the wrapper is the cell the forms' layout places.
 */
export function SelectField<T extends string>({
  id,
  label,
  value,
  choices,
  onChange,
  disabled,
  className,
}: {
  id: string;
  label: string;
  value: T | '';
  choices: readonly Choice[];
  onChange: (value: T) => void;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as T)}>
        {choices.map(([choice, text]) => (
          <option key={choice} value={choice}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
