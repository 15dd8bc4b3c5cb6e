import DataLoader from 'dataloader';
import type { Logger } from '../logger.js';
import type { Principal } from '../auth/principal.js';

/** What every resolver receives: the verified caller and a request-scoped logger. */
export interface RequestContext {
  principal: Principal;
  logger: Logger;
  /** Per-request caches (DataLoaders) keyed by name, so batching never crosses requests or callers. */
  loaders: Map<string, unknown>;
}

/** Returns the request's loader of that name, creating it on first use. */
export function loaderFor<L>(context: RequestContext, name: string, create: () => L): L {
  let loader = context.loaders.get(name) as L | undefined;
  if (!loader) {
    loader = create();
    context.loaders.set(name, loader);
  }
  return loader;
}

/**
 * Loads one key through a per-request batch: every reference the gateway sends in one `_entities` call
 * becomes a single database query instead of one query per reference. `cache: false` batches without keeping
 * answers for the rest of the request, for what a later mutation of the same request may change.
 */
export function loadBatched<K, V>(
  context: RequestContext,
  name: string,
  batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>,
  key: K,
  options: { cache?: boolean } = {},
): Promise<V> {
  return loaderFor(context, name, () => new DataLoader<K, V>(batch, options)).load(key);
}
