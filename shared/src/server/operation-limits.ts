import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, type ValidationContext, type ValidationRule } from 'graphql';
import { z } from 'zod';
import { operationCost } from './operation-cost.js';

/**
 * What one operation may ask for. A single request of 5,000 aliases once held a subgraph's CPU for
 * seconds and every other client's reads with it; each limit here refuses such a request before a
 * resolver runs. The defaults fit every operation the hub's own clients send, with room to spare.
 */
export interface OperationLimits {
  /** Nesting of selections (`orders { nodes { lines { sku } } }` is 4). */
  depth: number;
  /** Aliased fields in the whole operation, fragments included. */
  aliases: number;
  /** Directives (`@include`, `@skip`…) in the document. */
  directives: number;
  /** Lexical tokens in the document: the cheapest check, done while parsing. */
  tokens: number;
  /** Fragment definitions in the document. */
  fragments: number;
  /**
   * Estimated cost: the most fields the answer can hold, each paged list's selection counted once per item
   * its page may return (see operation-cost.ts). `orders(first: 100) { nodes { id } }` costs 201.
   */
  cost: number;
  /** Characters in any one string of the input (variables or literals). */
  stringLength: number;
}

/** Environment settings (`LIMIT_DEPTH`…) with their documented defaults; read by every service. */
export const operationLimitsEnvShape = {
  LIMIT_DEPTH: z.coerce.number().int().min(1).default(12),
  LIMIT_ALIASES: z.coerce.number().int().min(0).default(30),
  LIMIT_DIRECTIVES: z.coerce.number().int().min(0).default(50),
  LIMIT_TOKENS: z.coerce.number().int().min(10).default(3_000),
  LIMIT_FRAGMENTS: z.coerce.number().int().min(0).default(50),
  // The console's heaviest operation (its orders page at 100 per page) costs 1,401; one page of 100 orders with
  // lines, addresses and customers (1,601, ~50 ms of core's CPU) fits, two do not.
  LIMIT_COST: z.coerce.number().int().min(1).default(2_000),
  LIMIT_STRING_LENGTH: z.coerce.number().int().min(1).default(20_000),
};

export function operationLimitsOf(env: { [K in keyof typeof operationLimitsEnvShape]: number }): OperationLimits {
  return {
    depth: env.LIMIT_DEPTH,
    aliases: env.LIMIT_ALIASES,
    directives: env.LIMIT_DIRECTIVES,
    tokens: env.LIMIT_TOKENS,
    fragments: env.LIMIT_FRAGMENTS,
    cost: env.LIMIT_COST,
    stringLength: env.LIMIT_STRING_LENGTH,
  };
}

export type OperationLimitName = Exclude<keyof OperationLimits, 'stringLength'>;

/** One code per limit, so a client (or its developer) sees at once which limit it hit. */
export const OPERATION_LIMIT_CODES = {
  depth: 'DEPTH_LIMIT_EXCEEDED',
  aliases: 'ALIAS_LIMIT_EXCEEDED',
  directives: 'DIRECTIVE_LIMIT_EXCEEDED',
  tokens: 'TOKEN_LIMIT_EXCEEDED',
  fragments: 'FRAGMENT_LIMIT_EXCEEDED',
  cost: 'COST_LIMIT_EXCEEDED',
} as const satisfies Record<OperationLimitName, string>;

export function operationLimitError(limit: OperationLimitName, max: number, detail?: string): GraphQLError {
  return new GraphQLError(`The operation exceeds the ${limit} limit of ${max}${detail ? ` (${detail})` : ''}`, {
    extensions: { code: OPERATION_LIMIT_CODES[limit], limit: { name: limit, max }, http: { status: 400 } },
  });
}

/**
 * Validation rules that check a document against the limits; GraphQL Armor's rules, reporting our way. The cost
 * is not among them: it depends on the variables (`first: $n`), which validation does not see.
 * They run in the same pass as graphql-js's own rules, so a refused operation costs one walk of its
 * document; the token limit, applied while parsing, keeps that document small to begin with.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const reporting =
    (limit: OperationLimitName, rule: (options: object) => ValidationRule): ValidationRule =>
    (context) =>
      rule({
        n: limits[limit],
        maxCost: limits[limit],
        propagateOnRejection: false,
        onReject: [
          (_context: ValidationContext | null, error: GraphQLError) => {
            context.reportError(operationLimitError(limit, limits[limit], /found \d+/.exec(error.message)?.[0]));
          },
        ],
      })(context);
  const fragmentCount: ValidationRule = (context) => ({
    Document(document) {
      const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).length;
      if (fragments > limits.fragments) context.reportError(operationLimitError('fragments', limits.fragments, `found ${fragments}`));
    },
  });
  return [
    fragmentCount,
    reporting('aliases', maxAliasesRule as never),
    reporting('directives', maxDirectivesRule as never),
    reporting('depth', maxDepthRule as never),
  ];
}

/**
 * Apollo Server reports every validation failure as GRAPHQL_VALIDATION_FAILED; a limit's own code is put
 * back from the `limit` extension when the error is formatted.
 */
export function operationLimitCodeOf(extensions: Record<string, unknown> | undefined): string | undefined {
  const name = (extensions?.limit as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name in OPERATION_LIMIT_CODES ? OPERATION_LIMIT_CODES[name as OperationLimitName] : undefined;
}

/**
 * Refuses an operation whose estimated cost is over the limit, once its variables are known and before it is
 * planned or executed: at the gateway no subgraph sees it.
 */
export function operationCostGuard<C extends BaseContext>(limit: number): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost({ schema, document, operation, variables: request.variables ?? {} });
          if (cost > limit) throw operationLimitError('cost', limit, `found ${cost}`);
        },
      };
    },
  };
}

/** Apollo Server settings that apply the limits to every operation a server receives. */
export function operationLimitsProtection(limits: OperationLimits) {
  return { parseOptions: { maxTokens: limits.tokens }, validationRules: operationLimitRules(limits) };
}
