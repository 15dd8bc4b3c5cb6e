import { Migration20261202180000OrderRulesSchema } from './Migration20261202180000OrderRulesSchema.js';

/** In order of application; a new migration is appended, never edited once released. */
export const orderRulesMigrations = { Migration20261202180000OrderRulesSchema };
export const ORDER_RULES_SCHEMA = 'order_rules';
