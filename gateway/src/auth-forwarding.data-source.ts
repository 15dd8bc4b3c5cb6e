import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Lexer, Source, TokenKind } from 'graphql';
import type { GatewayContext } from './context.js';
import { InFlightReads } from './in-flight-reads.js';
import { bodyOf, errorOfFailedCall, errorOfReply, unavailable } from './subgraph-errors.js';
import { subgraphHttp, type SubgraphCall, type SubgraphReply } from './subgraph-http.js';

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;
type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * Passes the caller's own bearer token to every subgraph, which verifies it again: a subgraph never
 * trusts the gateway's word for who is calling, so a direct call to it is no way around authorisation.
 *
 * Every call has a deadline. A subgraph that is down, slow or failing becomes SERVICE_UNAVAILABLE on its part
 * of the answer (the rest of the data still arrives); a subgraph's refusal of the caller's input keeps its
 * own code and field, so the client sees BAD_USER_INPUT, not an internal error (subgraph-errors.ts).
 *
 * Identical queries in flight at once (same subgraph, operation, variables and Authorization header) make one call
 * (in-flight-reads.ts); mutations always make their own.
 *
 * Written on the gateway's `GraphQLDataSource` interface rather than as a RemoteGraphQLDataSource: that one builds a
 * node-fetch Request (URL parsing and header objects included) per call only to hand it to hooks nothing here uses.
 * Neither does it restrict the request's cache policy from the subgraph's Cache-Control: Apollo's cache-control plugin
 * is disabled and the gateway sets Cache-Control from the persisted operations alone (persisted-operations/).
 */
export class AuthForwardingDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly post: SubgraphCall;
  private readonly reads = new InFlightReads<SubgraphReply>();

  constructor(private readonly subgraph: { name: string; url: string; timeoutMs: number }) {
    this.post = subgraphHttp(subgraph.url, subgraph.timeoutMs);
  }

  async process(options: Options): Promise<SubgraphResponse> {
    const { http, ...request } = options.request;
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // The gateway's own headers for the call (the trace request when it records federated traces).
    if (http) for (const [name, value] of http.headers) headers[name.toLowerCase()] = value;
    const authorization = (options.context as Partial<GatewayContext>).authorization;
    if (authorization) headers.authorization = authorization;
    // The query first, as Apollo's data source sends it: the body is the sharing key, and what a subgraph logs.
    const body = JSON.stringify({ query: request.query, ...request });
    const send = () => this.post({ headers, body });
    let reply: SubgraphReply;
    try {
      // Two callers share an answer only if they would have sent the same bytes (to the same URL: each subgraph's
      // data source has reads of its own).
      reply = await (isQuery(options) ? this.reads.share(`${JSON.stringify(headers)}\n${body}`, send) : send());
    } catch (error) {
      throw errorOfFailedCall(this.subgraph.name, this.subgraph.timeoutMs, error);
    }
    if (reply.status < 200 || reply.status >= 300) throw errorOfReply(this.subgraph.name, reply);
    // Parsed for each caller: the gateway writes into what a subgraph answered, so sharers must not see each other's.
    const answer = bodyOf(reply);
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer))
      throw unavailable(this.subgraph.name, `answered ${reply.status} without a GraphQL response`);
    return answer as SubgraphResponse;
  }
}

/** Only a client's query is shared: never a mutation, nor the gateway's own calls (health checks, schema loads). */
function isQuery(options: Options): boolean {
  // Only a client's operation carries the incoming request (the package does not export the kinds' enum).
  if (!('incomingRequestContext' in options) || !options.request.query) return false;
  // The planner sends one operation per fetch and passes no parsed document by default, so its first token decides
  // ("{" is a query's short form); anything else, a fragment first included, is not shared.
  const first = new Lexer(new Source(options.request.query)).advance();
  return first.kind === TokenKind.BRACE_L || (first.kind === TokenKind.NAME && first.value === 'query');
}
