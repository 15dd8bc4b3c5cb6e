import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import type { GatewayContext } from './context.js';
import { InFlightReads } from './in-flight-reads.js';
import { responseOf, subgraphHttp, type SubgraphCall, type SubgraphReply, type SubgraphRequest } from './subgraph-http.js';

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'] & {};
type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/**
 * Passes the caller's own bearer token to every subgraph, which verifies it again: a subgraph never
 * trusts the gateway's word for who is calling, so a direct call to it is no way around authorisation.
 *
 * Every call has a deadline. A subgraph that is down, slow or failing becomes SERVICE_UNAVAILABLE on its part
 * of the answer (the rest of the data still arrives); a subgraph's refusal of the caller's input keeps its
 * own code and field, so the client sees BAD_USER_INPUT, not an internal error.
 *
 * Identical queries in flight at once (same subgraph, operation, variables and Authorization header) make one call
 * (in-flight-reads.ts); mutations always make their own.
 */
export class AuthForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** Whether the fetch being made belongs to a query: the fetcher only sees a URL and a body. */
  private readonly reading: AsyncLocalStorage<boolean>;

  constructor(private readonly subgraph: { name: string; url: string; timeoutMs: number }) {
    const reading = new AsyncLocalStorage<boolean>();
    super({ url: subgraph.url, fetcher: sharingReads(subgraphHttp(subgraph.timeoutMs), () => reading.getStore() === true) });
    this.reading = reading;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    try {
      return await this.reading.run(isQuery(options), () => super.process(options));
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

/** Only a client's query is shared: never a mutation, nor the gateway's own calls (health checks, schema loads). */
function isQuery(options: GraphQLDataSourceProcessOptions<GatewayContext>): boolean {
  // Only a client's operation carries the incoming request (the package does not export the kinds' enum).
  if (!('incomingRequestContext' in options) || !options.request.query) return false;
  // The planner sends one operation per fetch and passes no parsed document by default, so its first token decides
  // ("{" is a query's short form); anything else, a fragment first included, is not shared.
  const first = new Lexer(new Source(options.request.query)).advance();
  return first.kind === TokenKind.BRACE_L || (first.kind === TokenKind.NAME && first.value === 'query');
}

/**
 * The key is the whole request (URL, headers with the caller's Authorization, body with operation and variables):
 * two callers share an answer only if they would have sent the same bytes.
 */
function sharingReads(call: SubgraphCall, isRead: () => boolean): Fetcher {
  const reads = new InFlightReads<SubgraphReply>();
  return (async (url: string, init: SubgraphRequest) => {
    const reply = isRead() ? reads.share(`${url}\n${JSON.stringify(init.headers)}\n${String(init.body)}`, () => call(url, init)) : call(url, init);
    return responseOf(await reply);
  }) as Fetcher;
}
