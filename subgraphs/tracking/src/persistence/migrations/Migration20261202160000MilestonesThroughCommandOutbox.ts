import { Migration } from '@mikro-orm/migrations';

/** Milestones for core now go through the shared command outbox (`core_command`); their own queue goes. */
export class Migration20261202160000MilestonesThroughCommandOutbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop table if exists "tracking"."milestone_command"`);
  }
}
