import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Express, Request } from 'express';
import { mayReadMetrics, type MetricsAccess } from './metrics-access.js';
import { graphqlMetrics, renderMetrics } from './metrics.js';

/**
 * `GET /metrics` in Prometheus text format, on the service's own port. Its series carry no personal data
 * (labels are names and codes, never ids), but they describe the hub's traffic, so only the configured
 * networks or the token holder may read them; anyone else gets 403.
 */
export function mountMetricsRoute(app: Express, access: MetricsAccess): void {
  app.get('/metrics', async (req: Request, res) => {
    if (!mayReadMetrics(access, req.socket.remoteAddress, req.headers.authorization)) {
      res.status(403).json({ errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] });
      return;
    }
    const { contentType, body } = await renderMetrics();
    res.status(200).set('content-type', contentType).set('cache-control', 'no-store').send(body);
  });
}

/** Most distinct operation names one service counts; the rest are counted as `other`. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Bounds the `operation` label. Operation names come from clients, so a client naming each request
 * differently (or putting an id in the name) must not grow the series without limit.
 */
export class OperationNames {
  private readonly seen = new Set<string>();

  labelOf(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid';
    if (this.seen.has(name)) return name;
    if (this.seen.size >= MAX_OPERATION_NAMES) return 'other';
    this.seen.add(name);
    return name;
  }
}

const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * Times every GraphQL request and counts its errors by operation name and code. A request refused before
 * execution (no token, unparsable) counts too, under the operation it named.
 */
export function graphqlMetricsPlugin<C extends BaseContext>(service: string): ApolloServerPlugin<C> {
  const names = new OperationNames();
  return {
    async contextCreationDidFail({ error }) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      graphqlMetrics.errors.inc({
        service,
        operation: 'unauthenticated',
        code: typeof code === 'string' && ERROR_CODE.test(code) ? code : 'INTERNAL_SERVER_ERROR',
      });
    },
    async requestDidStart({ request }) {
      const end = graphqlMetrics.duration.startTimer({ service });
      let operation = names.labelOf(request.operationName);
      return {
        async didResolveOperation({ operationName }) {
          operation = names.labelOf(operationName);
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            graphqlMetrics.errors.inc({ service, operation, code: typeof code === 'string' && ERROR_CODE.test(code) ? code : 'INTERNAL_SERVER_ERROR' });
          }
        },
        async willSendResponse({ response }) {
          const failed = response.body.kind === 'single' ? (response.body.singleResult.errors?.length ?? 0) > 0 : false;
          end({ operation, outcome: failed ? 'error' : 'ok' });
        },
      };
    },
  };
}
