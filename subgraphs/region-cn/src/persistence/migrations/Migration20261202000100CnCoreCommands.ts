import { Migration } from '@mikro-orm/migrations';

/** Return steps reach core through the command outbox: a step core refuses is recorded on the return, and a refused request voids it. */
export class Migration20261202000100CnCoreCommands extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "cn_return" drop constraint "cn_return_state_check";`);
    this.addSql(
      `alter table "cn_return" add constraint "cn_return_state_check" check ("state" in ('REQUESTED', 'PICKUP_SCHEDULED', 'PICKED_UP', 'RECEIVED', 'REFUNDED', 'REJECTED', 'WITHDRAWN', 'REFUSED_BY_CORE'));`,
    );
    this.addSql(`alter table "cn_return" add column "core_rejection" varchar(500) null;`);
  }
}
