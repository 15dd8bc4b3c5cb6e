import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import type { Principal } from '../auth/principal.js';

/**
 * C0 control characters other than tab, line feed and carriage return, and DEL. No name, address or
 * note needs them, PostgreSQL refuses NUL in text outright, and the others hide text in logs and screens.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Where in the variables or the document a string holds a control character, as a field path. */
export function findControlCharacter(variables: unknown, document?: DocumentNode): string | undefined {
  const inVariables = findInValue(variables, []);
  if (inVariables) return inVariables.join('.');
  if (!document) return undefined;
  let found: string | undefined;
  const names: string[] = [];
  visit(document, {
    Argument: { enter: (node) => { names.push(node.name.value); }, leave: () => { names.pop(); } },
    ObjectField: { enter: (node) => { names.push(node.name.value); }, leave: () => { names.pop(); } },
    StringValue(node) {
      if (!found && CONTROL_CHARACTER.test(node.value)) found = names.join('.') || 'query';
    },
  });
  return found;
}

function findInValue(value: unknown, path: string[]): string[] | undefined {
  if (typeof value === 'string') return CONTROL_CHARACTER.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findInValue(item, [...path, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (CONTROL_CHARACTER.test(key)) return [...path, '…'];
      const found = findInValue(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Refuses control characters and NUL bytes anywhere in the input, naming the field, before any resolver runs. */
export function controlCharacterGuard<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const path = findControlCharacter(request.variables ?? {}, document);
          if (!path) return;
          // Variables are named by the path below the variable (`lines.0.name`), like every other input error.
          const field = request.variables && path.includes('.') && path.split('.')[0]! in request.variables ? path.split('.').slice(1).join('.') : path;
          throw new GraphQLError('Text may not contain control characters or NUL bytes', {
            extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } },
          });
        },
      };
    },
  };
}

const SCHEMA_FIELDS = new Set(['__schema', '__type', '_service']);

/** True when the document asks for the schema itself: introspection or federation's `_service { sdl }`. */
export function asksForSchema(document: DocumentNode): boolean {
  let asks = false;
  visit(document, {
    Field(node: ASTNode) {
      if (node.kind === Kind.FIELD && SCHEMA_FIELDS.has(node.name.value)) asks = true;
    },
  });
  return asks;
}

/**
 * In production the schema is no map for strangers: introspection and `_service` answer only the hub's own
 * service identity (gateway, registry), and error messages stop suggesting field names.
 */
export function schemaDisclosureGuard<C extends BaseContext & { principal?: Principal }>(production: boolean): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!production || contextValue.principal?.role === 'service' || !asksForSchema(document)) return;
          throw new GraphQLError('Schema introspection is disabled', {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
          });
        },
      };
    },
  };
}
