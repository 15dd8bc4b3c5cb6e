import { Migration } from '@mikro-orm/migrations';

/** The access log every region keeps of its personal-data reads (`personal-data.access-log.entity.ts`). */
export class PersonalDataAccessLogMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "personal_data_access_log" ("id" bigserial primary key, "at" timestamptz not null, "actor_subject" varchar(200) not null, "actor_role" varchar(32) not null, "purpose" varchar(40) null, "order_id" uuid not null, "field" varchar(40) not null, "disclosure" varchar(16) not null, "reason" varchar(32) null);`,
    );
    this.addSql(`create index "personal_data_access_log_at_index" on "personal_data_access_log" ("at");`);
    this.addSql(`create index "personal_data_access_log_order_id_index" on "personal_data_access_log" ("order_id");`);
  }
}
