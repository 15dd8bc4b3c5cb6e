import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { CachePolicy, PersistedOperations } from './persisted-operations.js';

/** Every answer depends on who asks (the bearer token) and may be compressed. */
export const VARY = 'Authorization, Accept-Encoding';

export interface CacheFacts {
  method: string | undefined;
  operationType: string | undefined;
  hasErrors: boolean;
  policy: CachePolicy | undefined;
}

/**
 * The Cache-Control of one GraphQL response. Only a GET of a registered query with a cache policy, answered
 * without errors, may be stored; POSTs, mutations, ad-hoc operations and partial answers are `no-store`, so an
 * error or somebody's order can never be served from a cache.
 */
export function cacheControlFor({ method, operationType, hasErrors, policy }: CacheFacts): string {
  if (method !== 'GET' || operationType !== 'query' || hasErrors || !policy) return 'no-store';
  return `${policy.scope === 'PUBLIC' ? 'public' : 'private'}, max-age=${policy.maxAge}`;
}

/**
 * Sets Cache-Control and Vary on every GraphQL response from the persisted operations' policies, recognised by
 * the SHA-256 of the operation text (whether it came as text, as an APQ hash or as a documentId). Apollo's own
 * cache-control plugin is disabled: it would derive a policy from schema hints that the subgraphs do not give.
 */
export function cacheHeadersPlugins(operations: PersistedOperations): ApolloServerPlugin<BaseContext>[] {
  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, queryHash, operation }) {
          const hasErrors = response.body.kind === 'single' ? Boolean(response.body.singleResult.errors?.length) : true;
          const cacheControl = cacheControlFor({
            method: request.http?.method,
            operationType: operation?.operation,
            hasErrors,
            policy: queryHash ? operations.get(queryHash)?.cacheControl : undefined,
          });
          response.http.headers.set('cache-control', cacheControl);
          response.http.headers.set('vary', VARY);
        },
      };
    },
  };
  return [ApolloServerPluginCacheControlDisabled(), plugin];
}
