import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../graphql/page-size.js';

/** Paged lists take `first` (and some `last`): their page size multiplies what is asked of each item. */
const PAGE_ARGUMENTS = ['first', 'last'];

export interface OperationCostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  /** The operation to run (a document may hold several). */
  operation: OperationDefinitionNode;
  /** The request's variables, as sent: `first: $n` is counted with the `n` the caller sent. */
  variables?: Readonly<Record<string, unknown>>;
}

/**
 * The most fields an operation's answer can hold, the way GitHub's GraphQL API weighs a query: each field
 * counts 1, and the selection under a paged list counts once for every item the page may return (`first` or
 * `last`, else the argument's default or the hub's default page size, at most the hub's largest page). Pages
 * inside pages multiply: 100 orders with 100 events each are 10,000 items, whatever the field count. A list
 * without paging (an order's lines) is bounded by its parent and counts once. Fragments are weighed once each,
 * so a document of fragments spread many times costs one walk of its text.
 */
export function operationCost({ schema, document, operation, variables = {} }: OperationCostInput): number {
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const fragmentCosts = new Map<string, number>();

  const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += fieldCost(selection, parent);
      else if (selection.kind === Kind.INLINE_FRAGMENT)
        total += selectionCost(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent);
      else total += fragmentCost(selection.name.value);
    }
    return total;
  };

  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment) return 0;
    // A fragment that spreads itself is refused by validation; here it only must not loop.
    fragmentCosts.set(name, 0);
    const cost = selectionCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
    fragmentCosts.set(name, cost);
    return cost;
  };

  const fieldCost = (field: FieldNode, parent: GraphQLNamedType | undefined): number => {
    if (!field.selectionSet) return 1;
    const definition = fieldDefinition(schema, parent, field.name.value);
    return 1 + pageSizeOf(field, definition) * selectionCost(field.selectionSet, definition ? getNamedType(definition.type) : undefined);
  };

  /** The page a paged list may return; 1 for any other field. */
  const pageSizeOf = (field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): number => {
    const paging = definition?.args.filter((argument) => PAGE_ARGUMENTS.includes(argument.name)) ?? [];
    if (paging.length === 0) return 1;
    const asked = paging.map((argument) => argumentValue(field, argument.name) ?? argument.defaultValue).filter((size) => Number.isInteger(size));
    const size = asked.length > 0 ? Math.max(...(asked as number[])) : DEFAULT_PAGE_SIZE;
    // Beyond the largest page the list itself refuses the argument (BAD_USER_INPUT on `first`), naming it.
    return Math.min(Math.max(size, 0), MAX_PAGE_SIZE);
  };

  /** An argument's integer value as written or passed in a variable (or the variable's default); else undefined. */
  const argumentValue = (field: FieldNode, name: string): number | undefined => {
    const value = field.arguments?.find((argument) => argument.name.value === name)?.value;
    if (value?.kind === Kind.INT) return Number(value.value);
    if (value?.kind !== Kind.VARIABLE) return undefined;
    const variable = value.name.value;
    if (variable in variables) return Number.isInteger(variables[variable]) ? (variables[variable] as number) : undefined;
    const fallback = operation.variableDefinitions?.find((definition) => definition.variable.name.value === variable)?.defaultValue;
    return fallback?.kind === Kind.INT ? Number(fallback.value) : undefined;
  };

  return selectionCost(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
}

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === SchemaMetaFieldDef.name && parent === schema.getQueryType()) return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name && parent === schema.getQueryType()) return TypeMetaFieldDef;
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}
