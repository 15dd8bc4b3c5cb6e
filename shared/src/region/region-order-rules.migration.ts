import { Migration } from '@mikro-orm/migrations';

/** Every regional order records the order-rule versions its placement was handled with (issue 14). */
export class RegionOrderRulesMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "regional_order" add column if not exists "rules_handled_with" jsonb null;`);
  }
}
