import { humanise } from './format';

const label = (key: string) => humanise(key.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase());

/**
 * Shows an object from the API as a description list, nested objects inside: regional fields differ per
 * region and grow with each one, and the console shows what the API gives, masked or not.
 */
export function FieldList({ value }: { value: Record<string, unknown> }) {
  const entries = Object.entries(value).filter(
    ([key, item]) => key !== '__typename' && item !== null && item !== undefined && !(Array.isArray(item) && item.length === 0),
  );
  if (entries.length === 0) return <p className="empty">Nothing recorded.</p>;
  return (
    <dl className="fields">
      {entries.map(([key, item]) => (
        <div key={key}>
          <dt>{label(key)}</dt>
          <dd>{render(item)}</dd>
        </div>
      ))}
    </dl>
  );
}

function render(item: unknown) {
  if (Array.isArray(item))
    return (
      <ul>
        {item.map((entry, i) => (
          <li key={i}>{typeof entry === 'object' && entry ? <FieldList value={entry as Record<string, unknown>} /> : String(entry)}</li>
        ))}
      </ul>
    );
  if (typeof item === 'object' && item) return <FieldList value={item as Record<string, unknown>} />;
  if (typeof item === 'boolean') return item ? 'yes' : 'no';
  return String(item);
}
