import { Migration } from '@mikro-orm/migrations';

/** A refusal reaches core through the command outbox; core's reason is kept when it refuses to record it. */
export class Migration20261202000300SeaCoreCommands extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "sea_delivery_refusal" add column "core_rejection" varchar(500) null;`);
  }
}
