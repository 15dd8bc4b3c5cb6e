import pg from 'pg';

/**
 * What `work` answers, and the SQL texts this process's pg clients sent meanwhile, in order (a named prepared
 * statement's text too): for tests that count statements or transactions whichever layer sent them.
 */
export async function statementsSentBy<T>(work: () => Promise<T>): Promise<{ result: T; texts: string[] }> {
  const texts: string[] = [];
  const send = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [query] = args as [string | { text?: string } | undefined];
    texts.push(typeof query === 'string' ? query : (query?.text ?? ''));
    return (send as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof send;
  try {
    return { result: await work(), texts };
  } finally {
    pg.Client.prototype.query = send;
  }
}
