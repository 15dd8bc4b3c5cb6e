import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context.js';

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'] & {};
type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/**
 * Passes the caller's own bearer token to every subgraph, which verifies it again: a subgraph never
 * trusts the gateway's word for who is calling, so a direct call to it is no way around authorisation.
 *
 * Every call has a deadline. A subgraph that is down, slow or failing becomes SERVICE_UNAVAILABLE on its part
 * of the answer (the rest of the data still arrives); a subgraph's refusal of the caller's input keeps its
 * own code and field, so the client sees BAD_USER_INPUT, not an internal error.
 */
export class AuthForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly subgraph: { name: string; url: string; timeoutMs: number }) {
    super({ url: subgraph.url, fetcher: withDeadline(subgraph.timeoutMs) });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      throw unavailable(this.subgraph.name, timedOut ? `did not answer within ${this.subgraph.timeoutMs} ms` : 'is not reachable');
    }
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = (await this.parseBody(response).catch(() => undefined)) as
      { errors?: Array<{ message?: unknown; extensions?: Record<string, unknown> }> } | undefined;
    const first = Array.isArray(body?.errors) ? body.errors[0] : undefined;
    if (response.status < 500 && typeof first?.message === 'string' && typeof first.extensions?.code === 'string') {
      return new GraphQLError(first.message, { extensions: first.extensions });
    }
    if (response.status === 401) return new GraphQLError('A valid bearer token is required', { extensions: { code: 'UNAUTHENTICATED' } });
    if (response.status === 403) return new GraphQLError('Not allowed for this caller', { extensions: { code: 'FORBIDDEN' } });
    return unavailable(this.subgraph.name, `answered ${response.status}`);
  }
}

function unavailable(name: string, what: string): GraphQLError {
  return new GraphQLError(`The ${name} service ${what}; retry later`, {
    extensions: { code: 'SERVICE_UNAVAILABLE', service: name, retryable: true },
  });
}

/** Node's own fetch, with a deadline on each call (connection, headers and body together). */
function withDeadline(timeoutMs: number): Fetcher {
  return (async (url: string, init?: RequestInit) => {
    const signal = AbortSignal.timeout(timeoutMs);
    const response = await fetch(url, { ...init, signal });
    // The body is read later by the gateway; read it now so the deadline covers it as well.
    const text = await response.text();
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  }) as unknown as Fetcher;
}
