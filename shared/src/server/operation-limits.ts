import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, Kind, validate, type DocumentNode, type ValidationContext, type ValidationRule } from 'graphql';
import { z } from 'zod';

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
  /** Estimated cost: every object costs 2, every scalar 1, each nesting level multiplies by 1.5. */
  cost: number;
}

/** Environment settings (`LIMIT_DEPTH`…) with their documented defaults; read by every service. */
export const operationLimitsEnvShape = {
  LIMIT_DEPTH: z.coerce.number().int().min(1).default(12),
  LIMIT_ALIASES: z.coerce.number().int().min(0).default(30),
  LIMIT_DIRECTIVES: z.coerce.number().int().min(0).default(50),
  LIMIT_TOKENS: z.coerce.number().int().min(10).default(3_000),
  LIMIT_FRAGMENTS: z.coerce.number().int().min(0).default(50),
  LIMIT_COST: z.coerce.number().int().min(1).default(5_000),
};

export function operationLimitsOf(env: { [K in keyof typeof operationLimitsEnvShape]: number }): OperationLimits {
  return {
    depth: env.LIMIT_DEPTH,
    aliases: env.LIMIT_ALIASES,
    directives: env.LIMIT_DIRECTIVES,
    tokens: env.LIMIT_TOKENS,
    fragments: env.LIMIT_FRAGMENTS,
    cost: env.LIMIT_COST,
  };
}

export type OperationLimitName = keyof OperationLimits;

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

/** graphql-js's own message for `parse(…, { maxTokens })`, turned into the token limit's error. */
export function tokenLimitErrorOf(message: string, max: number): GraphQLError | undefined {
  return /Document contains more th[ae]n \d+ tokens/.test(message) ? operationLimitError('tokens', max) : undefined;
}

/**
 * Checks an operation against the limits before graphql-js validates it: the standard rules walk every
 * fragment recursively, and thousands of chained fragments would exhaust the stack there.
 * The limit rules are GraphQL Armor's; only the way they report is ours.
 */
export function checkOperationLimits(schema: Parameters<typeof validate>[0], document: DocumentNode, limits: OperationLimits): GraphQLError | undefined {
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).length;
  if (fragments > limits.fragments) return operationLimitError('fragments', limits.fragments, `found ${fragments}`);
  let refusal: GraphQLError | undefined;
  const reporting = (limit: OperationLimitName, rule: (options: object) => ValidationRule): ValidationRule => rule({
    n: limits[limit],
    maxCost: limits[limit],
    propagateOnRejection: false,
    onReject: [(_context: ValidationContext | null, error: GraphQLError) => {
      refusal ??= operationLimitError(limit, limits[limit], /found ([\d.]+)/.exec(error.message)?.[0]);
    }],
  });
  validate(schema, document, [
    reporting('aliases', maxAliasesRule as never),
    reporting('directives', maxDirectivesRule as never),
    reporting('depth', maxDepthRule as never),
    reporting('cost', costLimitRule as never),
  ]);
  return refusal;
}

/** Apollo Server settings and plugin that apply the limits to every operation a server receives. */
export function operationLimitsProtection<C extends BaseContext>(limits: OperationLimits) {
  const plugin: ApolloServerPlugin<C> = {
    async requestDidStart() {
      return {
        async validationDidStart({ schema, document }) {
          const refusal = checkOperationLimits(schema, document, limits);
          if (refusal) throw refusal;
        },
      };
    },
  };
  return { parseOptions: { maxTokens: limits.tokens }, plugin };
}
