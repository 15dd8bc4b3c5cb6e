import DataLoader from 'dataloader';
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
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
 * becomes a single database query instead of one query per reference.
 */
export function loadBatched<K, V>(context: RequestContext, name: string, batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>, key: K): Promise<V> {
  return loaderFor(context, name, () => new DataLoader<K, V>(batch)).load(key);
}

/**
 * A request's loaders keep what they read, which is right for a query and wrong across a change: a mutation may
 * check a row through a loader before it changes it, and a request's mutations run one after another, each answer
 * read after its own change. So every root mutation field forgets what the request had loaded before it runs and
 * again before its answer is read.
 */
export function forgetLoadsAroundMutations(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args, context: Partial<RequestContext>, info) => {
      context.loaders?.clear();
      const result = await resolve(source, args, context, info);
      context.loaders?.clear();
      return result;
    };
  }
}
