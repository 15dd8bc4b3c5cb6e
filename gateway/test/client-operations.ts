import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Kind, parse, visit, type ASTNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type TypeNode } from 'graphql';
import { repositoryRoot } from '@hub/shared/workspace/hub-workspaces';
import { MAX_PAGE_SIZE } from '@hub/shared/graphql/page-size';
import { readGatewayEnv } from '../src/env.js';
import { loadPersistedOperations } from '../src/persisted-operations/index.js';

export interface ClientOperation {
  name: string;
  source: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The heaviest variables the client may send: every `Int` variable (page sizes) at the largest page. */
  variables: Record<string, unknown>;
}

/**
 * Every operation the hub's own clients send: the console's `graphql(\`…\`)` documents (what GraphQL Code
 * Generator compiles) and the persisted operations of the mobile and tracking apps.
 */
export async function clientOperations(): Promise<ClientOperation[]> {
  const consoleDir = join(repositoryRoot, 'console', 'src');
  const files = (await readdir(consoleDir, { recursive: true })).filter((file) => /\.tsx?$/.test(file) && !file.startsWith('gql'));
  const sources: Array<{ source: string; text: string }> = [];
  for (const file of files)
    for (const match of (await readFile(join(consoleDir, file), 'utf8')).matchAll(/graphql\(`([^`]*)`\)/g))
      sources.push({ source: `console/src/${file}`, text: match[1]! });
  const persisted = await loadPersistedOperations(readGatewayEnv({}).PERSISTED_OPERATIONS_DIR);
  sources.push(...persisted.all().map((operation) => ({ source: 'gateway/persisted-operations', text: operation.body })));
  const parsed = sources.map(({ source, text }) => ({ source, document: parse(text) }));
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const { document } of parsed)
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return parsed.flatMap(({ source, document: written }) => {
    const operation = written.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    // A fragment on its own is weighed inside each operation that spreads it.
    if (!operation) return [];
    const document = withSpreadFragments(written, fragments);
    const variables = Object.fromEntries(
      (operation.variableDefinitions ?? [])
        .filter((definition) => namedTypeOf(definition.type) === 'Int')
        .map((definition) => [definition.variable.name.value, MAX_PAGE_SIZE]),
    );
    return [{ name: operation.name?.value ?? '(anonymous)', source, document, operation, variables }];
  });
}

/** The document as the client sends it: Code Generator appends every fragment it spreads, also those of other files. */
function withSpreadFragments(document: DocumentNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): DocumentNode {
  const present = new Set(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [definition.name.value] : [])));
  const added: FragmentDefinitionNode[] = [];
  const addSpreads = (node: ASTNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (!fragment || present.has(fragment.name.value)) return;
        present.add(fragment.name.value);
        added.push(fragment);
        addSpreads(fragment);
      },
    });
  addSpreads(document);
  return { ...document, definitions: [...document.definitions, ...added] };
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}
