export { cacheControlFor, cacheHeadersPlugins, VARY } from './cache-headers.plugin.js';
export { resolvePersistedDocuments } from './document-id.middleware.js';
export { checkPersistedOperations, PUBLIC_ROOT_FIELDS } from './operation-rules.js';
export {
  loadPersistedOperations,
  operationId,
  PersistedOperationManifestError,
  PersistedOperations,
  SHORT_ID_LENGTH,
  type CachePolicy,
  type PersistedOperation,
} from './persisted-operations.js';
