import { compareText } from '../../compare-text.js';
import { compileRules, type CompiledRule } from './rule-language.js';
import type { RuleModule } from './rule-modules.js';
import type { RuleScope, RuleSetPublication } from './rule.js';

/** One version of one rule set, ready to evaluate. */
export interface CompiledVersion {
  ruleSet: string;
  module: RuleModule;
  scope: RuleScope;
  version: number;
  publication: number;
  effectiveFrom: number;
  /** Epoch ms, exclusive; Infinity when open-ended. */
  effectiveTo: number;
  rules: CompiledRule[];
}

/** The rule versions a process holds; the replica is one, a dry-run's overlay another. */
export interface RuleBook {
  /** Every held version of the module's rule sets, whatever its period; evaluation picks the one in force. */
  versionsOf(module: RuleModule): readonly CompiledVersion[];
}

/** The order facts a scope is matched against. */
export interface ScopeFacts {
  region: string;
  channel: string;
  customerSegment: string;
}

export function compilePublication(publication: RuleSetPublication): CompiledVersion[] {
  return publication.versions.map((version) => ({
    ruleSet: publication.ruleSet,
    module: publication.module,
    scope: publication.scope,
    version: version.version,
    publication: publication.publication,
    effectiveFrom: Date.parse(version.effectiveFrom),
    effectiveTo: version.effectiveTo ? Date.parse(version.effectiveTo) : Infinity,
    rules: compileRules(publication.module, version.rules),
  }));
}

/** A rule book over a fixed list of publications: what a replica holds at one moment, or a dry-run's what-if. */
export class StaticRuleBook implements RuleBook {
  private readonly byModule = new Map<RuleModule, CompiledVersion[]>();

  constructor(versions: Iterable<CompiledVersion>) {
    for (const version of versions) {
      const list = this.byModule.get(version.module) ?? [];
      list.push(version);
      this.byModule.set(version.module, list);
    }
    for (const list of this.byModule.values()) list.sort((a, b) => compareText(a.ruleSet, b.ruleSet) || a.effectiveFrom - b.effectiveFrom);
  }

  static of(publications: RuleSetPublication[]): StaticRuleBook {
    return new StaticRuleBook(publications.flatMap(compilePublication));
  }

  versionsOf(module: RuleModule): readonly CompiledVersion[] {
    return this.byModule.get(module) ?? [];
  }

  /** This book with one rule set's versions replaced: how a dry-run asks "what if this draft were in force". */
  withRuleSet(ruleSet: string, versions: CompiledVersion[]): StaticRuleBook {
    const kept = [...this.byModule.values()].flat().filter((version) => version.ruleSet !== ruleSet);
    return new StaticRuleBook([...kept, ...versions]);
  }
}

const inScope = (scope: RuleScope, facts: ScopeFacts) =>
  (scope.region === null || scope.region === facts.region) &&
  (scope.channel === null || scope.channel === facts.channel) &&
  (scope.customerSegment === null || scope.customerSegment === facts.customerSegment);

/**
 * The version of each rule set of the module that is in force at `at` for an order of that scope, one per rule
 * set (publication refuses overlapping periods, so there is at most one), in rule-set order.
 */
export function versionsInForce(book: RuleBook, module: RuleModule, facts: ScopeFacts, at: number): CompiledVersion[] {
  return book.versionsOf(module).filter((version) => version.effectiveFrom <= at && at < version.effectiveTo && inScope(version.scope, facts));
}
