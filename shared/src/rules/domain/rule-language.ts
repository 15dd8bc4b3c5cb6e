import { Environment } from '@marcbachmann/cel-js';
import { compareText } from '../../compare-text.js';
import { ORDER_FIELDS, ORDER_LINE_FIELDS, PRICING_FIELDS } from './order-context.js';
import { NOTICE_RULE_TARGETS, RULE_MODULE_TARGETS, RULE_MODULE_TRAITS, SHORTAGE_POLICIES, type RuleModule } from './rule-modules.js';
import type { RuleDefinition } from './rule.js';

/**
 * Bounds on what one rule may cost. CEL has no loops or recursion, so the cost of a rule is bounded by its size
 * and by how deeply it iterates over lists; an order has at most `MAX_ORDER_LINES` lines, so a comprehension inside
 * a comprehension can cost 250,000 steps: the estimate refuses that.
 */
export const RULE_LIMITS = {
  maxRulesPerVersion: 100,
  maxExpressionLength: 1_000,
  maxMessageLength: 300,
  maxAstNodes: 200,
  maxDepth: 24,
  /** Estimated evaluation steps of one rule on the largest order. */
  maxEstimatedCost: 50_000,
} as const;
export const MAX_ORDER_LINES = 500;
const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

export type RuleProblemCode = 'RULE_SYNTAX_ERROR' | 'RULE_TYPE_ERROR' | 'RULE_LIMIT_EXCEEDED' | 'RULE_MODULE_NOT_ALLOWED' | 'INVALID';

/** Why a rule cannot be published, with where in the expression when there is a where. */
export interface RuleProblem {
  code: RuleProblemCode;
  /** Path inside the version input: `rules.3.condition`. */
  field: string;
  message: string;
  /** 1-based line and column of the fault inside the expression, and its 0-based offset. */
  position: { offset: number; line: number; column: number } | null;
}

/** A rule's expressions, parsed once; each function takes the CEL context (`order`, `pricing`). */
export interface CompiledRule {
  definition: RuleDefinition;
  condition: (context: Record<string, unknown>) => unknown;
  value: ((context: Record<string, unknown>) => unknown) | null;
}

function createEnvironment(withPricing: boolean): Environment {
  const environment = new Environment({
    limits: { maxAstNodes: RULE_LIMITS.maxAstNodes, maxDepth: RULE_LIMITS.maxDepth, maxListElements: 100, maxMapEntries: 100 },
  })
    .registerType('OrderLine', { fields: { ...ORDER_LINE_FIELDS } })
    .registerType('Order', { fields: { ...ORDER_FIELDS } })
    .registerVariable('order', 'Order', { description: 'The order being placed, without personal data.' });
  if (withPricing) {
    environment
      .registerType('PricingOutcome', { fields: { ...PRICING_FIELDS } })
      .registerVariable('pricing', 'PricingOutcome', { description: 'What the pricing module decided.' });
  }
  return environment;
}

/** One environment per visibility: modules before pricing cannot even name its outcome. */
const ENVIRONMENTS = { beforePricing: createEnvironment(false), afterPricing: createEnvironment(true) };
const environmentOf = (module: RuleModule) => (RULE_MODULE_TRAITS[module].readsPricing ? ENVIRONMENTS.afterPricing : ENVIRONMENTS.beforePricing);

interface CelErrorLike {
  summary?: string;
  message: string;
  range?: { start: number; end: number };
}

function positionOf(expression: string, offset: number | undefined): RuleProblem['position'] {
  if (offset === undefined) return null;
  const before = expression.slice(0, offset).split('\n');
  return { offset, line: before.length, column: before.at(-1)!.length + 1 };
}

function problemOf(code: RuleProblemCode, field: string, expression: string, error: CelErrorLike): RuleProblem {
  const position = positionOf(expression, error.range?.start);
  const where = position ? ` at line ${position.line}, column ${position.column}` : '';
  return { code, field, message: `${error.summary ?? error.message.split('\n')[0]}${where}`, position };
}

/** Estimated steps: one per node, and a comprehension's body once per list element of the largest order. */
function estimateCost(node: unknown): { nodes: number; cost: number } {
  if (!node || typeof node !== 'object') return { nodes: 0, cost: 0 };
  if (Array.isArray(node)) {
    return node.reduce(
      (sum: { nodes: number; cost: number }, child) => {
        const part = estimateCost(child);
        return { nodes: sum.nodes + part.nodes, cost: sum.cost + part.cost };
      },
      { nodes: 0, cost: 0 },
    );
  }
  const { op, args } = node as { op?: string; args?: unknown };
  if (op === undefined) return { nodes: 0, cost: 0 };
  const children = Array.isArray(args) ? args : [args];
  const isComprehension = op === 'rcall' && children.some((child) => typeof child === 'string' && COMPREHENSIONS.has(child));
  let nodes = 1;
  let cost = 1;
  for (const child of children) {
    const part = estimateCost(child);
    nodes += part.nodes;
    cost += isComprehension && Array.isArray(child) ? part.cost * MAX_ORDER_LINES : part.cost;
  }
  return { nodes, cost };
}

/**
 * Parses and type-checks one expression against the module's declared inputs, and checks its size and cost.
 * Returns the problems, never throws for a bad expression.
 */
export function checkExpression(module: RuleModule, expression: string, expectedType: 'bool' | 'int' | 'double' | 'string', field: string): RuleProblem[] {
  if (expression.length > RULE_LIMITS.maxExpressionLength) {
    return [{ code: 'RULE_LIMIT_EXCEEDED', field, message: `The expression is longer than ${RULE_LIMITS.maxExpressionLength} characters.`, position: null }];
  }
  const environment = environmentOf(module);
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = environment.parse(expression);
  } catch (error) {
    const code = /limit|exceed|maximum/i.test((error as CelErrorLike).message) ? 'RULE_LIMIT_EXCEEDED' : 'RULE_SYNTAX_ERROR';
    return [problemOf(code, field, expression, error as CelErrorLike)];
  }
  const checked = environment.check(expression);
  if (!checked.valid) {
    const error = checked.error as unknown as CelErrorLike;
    const namesPricing = !RULE_MODULE_TRAITS[module].readsPricing && ENVIRONMENTS.afterPricing.check(expression).valid;
    if (namesPricing) {
      const offset = expression.search(/\bpricing\b/);
      return [
        problemOf('RULE_MODULE_NOT_ALLOWED', field, expression, {
          message: error.message,
          summary: `A ${module} rule runs before pricing and may not read \`pricing\``,
          range: { start: offset, end: offset + 7 },
        }),
      ];
    }
    return [problemOf('RULE_TYPE_ERROR', field, expression, error)];
  }
  if (checked.type !== expectedType) {
    return [
      {
        code: 'RULE_TYPE_ERROR',
        field,
        message: `The expression is of type ${checked.type}; a ${module} rule needs ${expectedType} here.`,
        position: positionOf(expression, 0),
      },
    ];
  }
  const { cost } = estimateCost(parsed.ast);
  if (cost > RULE_LIMITS.maxEstimatedCost) {
    return [
      {
        code: 'RULE_LIMIT_EXCEEDED',
        field,
        message: `The expression may take about ${cost} steps on a ${MAX_ORDER_LINES}-line order; at most ${RULE_LIMITS.maxEstimatedCost} are allowed (avoid iterating lines inside an iteration over lines).`,
        position: null,
      },
    ];
  }
  return [];
}

const RULE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const REFUSAL_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

/** Every problem of a version's rules, with the field at fault; empty when the version may be published. */
export function checkRules(module: RuleModule, rules: RuleDefinition[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (rules.length === 0) problems.push({ code: 'INVALID', field: 'rules', message: 'A version needs at least one rule.', position: null });
  if (rules.length > RULE_LIMITS.maxRulesPerVersion) {
    problems.push({ code: 'RULE_LIMIT_EXCEEDED', field: 'rules', message: `A version holds at most ${RULE_LIMITS.maxRulesPerVersion} rules.`, position: null });
  }
  const seen = new Set<string>();
  const { valueType } = RULE_MODULE_TRAITS[module];
  rules.forEach((rule, index) => {
    const at = (name: string) => `rules.${index}.${name}`;
    if (!RULE_ID.test(rule.id))
      problems.push({ code: 'INVALID', field: at('id'), message: 'A rule id is lower-case letters, digits and dashes, up to 64.', position: null });
    else if (seen.has(rule.id)) problems.push({ code: 'INVALID', field: at('id'), message: 'Two rules of one version share this id.', position: null });
    seen.add(rule.id);
    if (rule.message.length === 0 || rule.message.length > RULE_LIMITS.maxMessageLength) {
      problems.push({ code: 'INVALID', field: at('message'), message: `A message has 1 to ${RULE_LIMITS.maxMessageLength} characters.`, position: null });
    }
    problems.push(...checkExpression(module, rule.condition, 'bool', at('condition')));
    if (valueType === null && rule.value) problems.push({ code: 'INVALID', field: at('value'), message: `A ${module} rule has no value.`, position: null });
    if (valueType !== null) {
      if (!rule.value) problems.push({ code: 'INVALID', field: at('value'), message: `A ${module} rule needs a value of type ${valueType}.`, position: null });
      else problems.push(...checkExpression(module, rule.value, valueType, at('value')));
    }
    if (module === 'VALIDATION' && !REFUSAL_CODE.test(rule.code ?? '')) {
      problems.push({ code: 'INVALID', field: at('code'), message: 'A validation rule needs a refusal code in UPPER_SNAKE_CASE.', position: null });
    }
    if (module === 'ALLOCATION_WEIGHTS' && !rule.target) {
      problems.push({ code: 'INVALID', field: at('target'), message: 'An allocation rule names the criterion it weights.', position: null });
    }
    if (module === 'INVENTORY_LOCK' && rule.target && !(SHORTAGE_POLICIES as readonly string[]).includes(rule.target)) {
      problems.push({
        code: 'INVALID',
        field: at('target'),
        message: 'An inventory-lock rule names BACKORDER or REFUSE as its shortage policy, or nothing.',
        position: null,
      });
    }
    if (module === 'NOTIFICATION' && rule.target && !(NOTICE_RULE_TARGETS as readonly string[]).includes(rule.target)) {
      problems.push({
        code: 'INVALID',
        field: at('target'),
        message: 'A notification rule names SUPPRESS or URGENT as its target, or nothing (send).',
        position: null,
      });
    }
    const targets = RULE_MODULE_TARGETS[module];
    if (targets && !targets.includes(rule.target ?? '')) {
      problems.push({ code: 'INVALID', field: at('target'), message: `A ${module} rule names one of its terms: ${targets.join(', ')}.`, position: null });
    }
  });
  return problems;
}

export class RulesNotCompilableError extends Error {
  constructor(readonly problems: RuleProblem[]) {
    super(`rules do not type-check against this evaluator: ${problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}`);
    this.name = 'RulesNotCompilableError';
  }
}

/**
 * Parses a version's rules for execution, checking them again against this process's declared types: a publisher
 * newer than the evaluator may use a field the evaluator does not know, and such a version must not run half-understood.
 */
export function compileRules(module: RuleModule, rules: RuleDefinition[]): CompiledRule[] {
  const problems = checkRules(module, rules);
  if (problems.length > 0) throw new RulesNotCompilableError(problems);
  const environment = environmentOf(module);
  return [...rules]
    .sort((a, b) => a.priority - b.priority || compareText(a.id, b.id))
    .map((definition) => ({
      definition,
      condition: environment.parse(definition.condition) as unknown as CompiledRule['condition'],
      value: definition.value ? (environment.parse(definition.value) as unknown as CompiledRule['value']) : null,
    }));
}
