import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import type { Principal } from '../auth/principal.js';

/**
 * C0 control characters other than tab, line feed and carriage return, and DEL. No name, address or
 * note needs them, PostgreSQL refuses NUL in text outright, and the others hide text in logs and screens.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Input fields that carry a whole file (a catalogue import's CSV or JSON): bounded by the request body limit
 * (1 MiB), not by the length of one text field.
 */
const FILE_CONTENT_FIELDS = new Set(['content']);

export interface TextProblem {
  path: string;
  problem: 'control-character' | 'too-long';
}

/**
 * The first string in the variables or the document that holds a control character or is longer than
 * `maxLength`, with its field path. Long strings are refused because no field needs them and each one
 * is carried through every layer (and a NOT_FOUND for a megabyte key once took seconds to say so).
 */
export function findUnacceptableText(variables: unknown, document: DocumentNode | undefined, maxLength: number): TextProblem | undefined {
  const check = (text: string, path: readonly string[]): TextProblem['problem'] | undefined =>
    text.length > maxLength && !FILE_CONTENT_FIELDS.has(path.at(-1) ?? '') ? 'too-long' : CONTROL_CHARACTER.test(text) ? 'control-character' : undefined;
  const inVariables = findInValue(variables, [], check);
  if (inVariables) return inVariables;
  if (!document) return undefined;
  const checked = checkedDocuments.get(document);
  if (checked?.maxLength === maxLength) return checked.found;
  const found = findInDocument(document, check);
  checkedDocuments.set(document, { maxLength, found });
  return found;
}

/**
 * What a document's own strings hold depends on the document alone, and Apollo Server hands every request with the
 * same operation text the same parsed document from its cache: each is walked once, not once per request (the walk
 * was about 4 % of the gateway's CPU on reads).
 */
const checkedDocuments = new WeakMap<DocumentNode, { maxLength: number; found: TextProblem | undefined }>();

function findInDocument(document: DocumentNode, check: (text: string, path: readonly string[]) => TextProblem['problem'] | undefined): TextProblem | undefined {
  let found: TextProblem | undefined;
  const names: string[] = [];
  visit(document, {
    Argument: {
      enter: (node) => {
        names.push(node.name.value);
      },
      leave: () => {
        names.pop();
      },
    },
    ObjectField: {
      enter: (node) => {
        names.push(node.name.value);
      },
      leave: () => {
        names.pop();
      },
    },
    StringValue(node) {
      const problem = found ? undefined : check(node.value, names);
      if (problem) found = { path: names.join('.') || 'query', problem };
    },
  });
  return found;
}

function findInValue(
  value: unknown,
  path: string[],
  check: (text: string, path: readonly string[]) => TextProblem['problem'] | undefined,
): TextProblem | undefined {
  if (typeof value === 'string') {
    const problem = check(value, path);
    return problem ? { path: path.join('.'), problem } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findInValue(item, [...path, String(index)], check);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = check(key, []);
      if (problem) return { path: [...path, '…'].join('.'), problem };
      const found = findInValue(item, [...path, key], check);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Refuses control characters, NUL bytes and overlong strings anywhere in the input, naming the field,
 * before any resolver runs.
 */
export function inputTextGuard<C extends BaseContext>(maxLength: number): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const found = findUnacceptableText(request.variables ?? {}, document, maxLength);
          if (!found) return;
          // Variables are named by the path below the variable (`lines.0.name`), like every other input error.
          const [variable, ...below] = found.path.split('.');
          const field = request.variables && below.length > 0 && variable! in request.variables ? below.join('.') : found.path;
          const message =
            found.problem === 'too-long' ? `Text may not be longer than ${maxLength} characters` : 'Text may not contain control characters or NUL bytes';
          throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } } });
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
