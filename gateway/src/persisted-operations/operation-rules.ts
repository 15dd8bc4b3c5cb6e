import { Kind, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { operationId, type PersistedOperation } from './persisted-operations.js';

/**
 * Root fields whose answer is the same for every caller and holds no personal data: the only ones an operation
 * cached with PUBLIC scope (by shared caches and CDNs) may select.
 */
export const PUBLIC_ROOT_FIELDS: ReadonlySet<string> = new Set(['seaCheckoutOptions']);

/**
 * Checks registered operations against the API schema the gateway serves: each parses to exactly the named
 * operation of its declared type, validates, has the id of its text, and caches only what may be cached.
 * Returns every problem, so CI reports them together.
 */
export function checkPersistedOperations(schema: GraphQLSchema, operations: readonly PersistedOperation[]): string[] {
  return operations.flatMap((operation) => problemsOf(schema, operation).map((problem) => `${operation.name}: ${problem}`));
}

function problemsOf(schema: GraphQLSchema, operation: PersistedOperation): string[] {
  let document: DocumentNode;
  try {
    document = parse(operation.body);
  } catch (error) {
    return [`does not parse: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  if (operationId(operation.body) !== operation.id) problems.push('id is not the SHA-256 of its body');
  const definitions = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const [definition] = definitions;
  if (definitions.length !== 1 || !definition) return [...problems, 'must hold exactly one operation'];
  if (definition.name?.value !== operation.name) problems.push(`is named ${definition.name?.value ?? '(anonymous)'} in its body`);
  if (definition.operation !== operation.type) problems.push(`is a ${definition.operation}, not a ${operation.type}`);
  problems.push(...validate(schema, document).map((error) => error.message));
  if (operation.cacheControl && definition.operation !== 'query') problems.push('only queries can be cached');
  if (operation.cacheControl?.scope === 'PUBLIC') {
    const rootFields = definition.selectionSet.selections
      .map((s) => (s.kind === Kind.FIELD ? s.name.value : `(${s.kind})`))
      .filter((name) => name !== '__typename');
    const personal = rootFields.filter((name) => !PUBLIC_ROOT_FIELDS.has(name));
    if (personal.length > 0) problems.push(`selects ${personal.join(', ')}, which may differ per caller: its cache scope must be PRIVATE`);
  }
  return problems;
}
