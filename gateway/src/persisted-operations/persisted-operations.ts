import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * How long a GET answer to an operation may be reused, and by whom: PRIVATE only by the caller's own client
 * (the answer is about the caller), PUBLIC also by shared caches and CDNs (the same answer for everyone, with
 * no personal data). Operations without a policy are never stored.
 */
const cachePolicySchema = z.object({
  maxAge: z.number().int().min(1).max(86_400),
  scope: z.enum(['PUBLIC', 'PRIVATE']),
});
export type CachePolicy = z.infer<typeof cachePolicySchema>;

const operationSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().min(1),
  type: z.enum(['query', 'mutation', 'subscription']),
  body: z.string().min(1),
  cacheControl: cachePolicySchema.optional(),
});
export type PersistedOperation = z.infer<typeof operationSchema>;

/** Apollo's persisted-query manifest format, with our `cacheControl` per operation. */
export const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(operationSchema),
});

export class PersistedOperationManifestError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid persisted-operation manifest:\n  ${problems.join('\n  ')}`);
    this.name = 'PersistedOperationManifestError';
  }
}

/** The id of an operation: the SHA-256 of its exact text, the same hash Apollo's APQ uses. */
export const operationId = (body: string): string => createHash('sha256').update(body).digest('hex');

/**
 * The shortest id prefix a client may send instead of the full 64 hex digits (as git abbreviates commits): on a slow
 * mobile link 56 fewer bytes per request. Every registered id must differ from the others in these first digits.
 */
export const SHORT_ID_LENGTH = 8;
const SHORT_ID = /^[0-9a-f]{8,64}$/;

/**
 * The operations registered ahead of time for trusted clients (the SEA mobile app). An id always names the
 * text it was computed from: a manifest whose text changed without its id is refused as a whole.
 */
export class PersistedOperations {
  private readonly byId: ReadonlyMap<string, PersistedOperation>;
  private readonly byShortId: ReadonlyMap<string, PersistedOperation>;

  private constructor(operations: PersistedOperation[]) {
    this.byId = new Map(operations.map((operation) => [operation.id, operation]));
    this.byShortId = new Map(operations.map((operation) => [operation.id.slice(0, SHORT_ID_LENGTH), operation]));
  }

  static fromManifests(manifests: Array<{ source: string; content: unknown }>): PersistedOperations {
    const problems: string[] = [];
    const operations: PersistedOperation[] = [];
    for (const { source, content } of manifests) {
      const parsed = manifestSchema.safeParse(content);
      if (!parsed.success) {
        problems.push(...parsed.error.issues.map((issue) => `${source}: ${issue.path.join('.')}: ${issue.message}`));
        continue;
      }
      for (const operation of parsed.data.operations) {
        if (operationId(operation.body) !== operation.id) problems.push(`${source}: ${operation.name}: id is not the SHA-256 of its body`);
        if (operations.some((other) => other.id === operation.id || other.name === operation.name))
          problems.push(`${source}: ${operation.name}: registered twice`);
        else if (operations.some((other) => other.id.slice(0, SHORT_ID_LENGTH) === operation.id.slice(0, SHORT_ID_LENGTH)))
          problems.push(`${source}: ${operation.name}: its id's first ${SHORT_ID_LENGTH} digits are another operation's, so its short id would be ambiguous`);
        operations.push(operation);
      }
    }
    if (problems.length > 0) throw new PersistedOperationManifestError(problems);
    return new PersistedOperations(operations);
  }

  /** Accepts the bare hex id, the GraphQL-over-HTTP `sha256:<hex>` form, or a prefix of at least `SHORT_ID_LENGTH` digits. */
  get(documentId: string): PersistedOperation | undefined {
    const id = documentId.startsWith('sha256:') ? documentId.slice('sha256:'.length) : documentId;
    const exact = this.byId.get(id);
    if (exact || !SHORT_ID.test(id)) return exact;
    const candidate = this.byShortId.get(id.slice(0, SHORT_ID_LENGTH));
    return candidate?.id.startsWith(id) ? candidate : undefined;
  }

  all(): PersistedOperation[] {
    return [...this.byId.values()];
  }
}

/** Reads every `*.json` manifest in a folder (one per client app). */
export async function loadPersistedOperations(dir: string): Promise<PersistedOperations> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  return PersistedOperations.fromManifests(
    await Promise.all(
      files.map(async (file) => ({
        source: file,
        content: JSON.parse(await readFile(join(dir, file), 'utf8')) as unknown,
      })),
    ),
  );
}
