import type { Problem } from './problems';

/** Shows why something is missing: a refusal is a normal answer of the API, shown plainly, not as a crash. */
export function ProblemNotice({ problems, compact = false }: { problems: Problem[]; compact?: boolean }) {
  if (problems.length === 0) return null;
  const unique = problems.filter((problem, i) => problems.findIndex((other) => other.title === problem.title && other.detail === problem.detail) === i);
  return (
    <div className={`notice notice-${unique[0]!.kind}${compact ? ' notice-compact' : ''}`} role="alert" data-testid={`problem-${unique[0]!.kind}`}>
      {unique.map((problem, i) => (
        <p key={i}>
          <strong>{problem.title}</strong>
          {problem.detail ? <span className="notice-detail"> — {problem.detail}</span> : null}
        </p>
      ))}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function UserErrors({ errors }: { errors: ReadonlyArray<{ code: string; message: string; field?: ReadonlyArray<string> | null }> | undefined }) {
  if (!errors?.length) return null;
  return (
    <div className="notice notice-refused" role="alert" data-testid="user-errors">
      {errors.map((error, i) => (
        <p key={i}>
          <strong>{error.code}</strong> — {error.message}
        </p>
      ))}
    </div>
  );
}
