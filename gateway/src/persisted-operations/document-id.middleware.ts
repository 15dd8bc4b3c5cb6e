import type { RequestHandler, Response } from 'express';
import type { PersistedOperations } from './persisted-operations.js';

/**
 * Lets a trusted client send `documentId` (and variables) instead of the operation text, by GET or POST
 * (GraphQL over HTTP's persisted documents): the id is replaced by the registered text before Apollo Server
 * sees the request, so parsing, validation, CSRF prevention and "no mutations over GET" apply unchanged.
 * Unknown ids are refused here; they never fall back to text the client might send next.
 */
export function resolvePersistedDocuments(operations: PersistedOperations): RequestHandler {
  return (req, res, next) => {
    // Only a GET carries its operation in the URL: a POST's is not parsed for nothing.
    const url = req.method === 'GET' ? new URL(req.url, 'http://gateway.invalid') : undefined;
    const body = req.body as Record<string, unknown> | undefined;
    const documentId = url ? url.searchParams.get('documentId') : body?.documentId;
    if (documentId === null || documentId === undefined) {
      next();
      return;
    }
    const hasText = url ? url.searchParams.has('query') : body?.query !== undefined;
    if (typeof documentId !== 'string' || hasText) {
      refuse(res, 'BAD_REQUEST', 'Send either a documentId (a string) or a query, not both');
      return;
    }
    const operation = operations.get(documentId);
    if (!operation) {
      refuse(
        res,
        'PERSISTED_QUERY_NOT_FOUND',
        `No persisted operation has the id ${documentId.slice(0, 80)}; the app must ship with operations registered in the gateway's manifest`,
      );
      return;
    }
    if (url) {
      url.searchParams.delete('documentId');
      url.searchParams.set('query', operation.body);
      req.url = `${url.pathname}${url.search}`;
    } else {
      const { documentId: _id, ...rest } = body ?? {};
      req.body = { ...rest, query: operation.body };
    }
    next();
  };
}

function refuse(res: Response, code: string, message: string): void {
  res
    .status(400)
    .set({ 'cache-control': 'no-store', vary: 'Authorization, Accept-Encoding' })
    .json({ errors: [{ message, extensions: { code } }] });
}
