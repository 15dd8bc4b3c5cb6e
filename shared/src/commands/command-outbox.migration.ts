import { Migration } from '@mikro-orm/migrations';

/** The command outbox (`core_command`). Unqualified: the migrator sets the search path to the owner's schema. */
export class CommandOutboxMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "core_command" ("id" bigserial primary key, "command_id" varchar(200) not null, "order_id" uuid not null, "sequence" int not null, "kind" varchar(40) not null, "purpose" varchar(60) not null, "local_ref" varchar(200) null, "body" jsonb not null, "state" varchar(16) not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "lease_until" timestamptz null, "last_error" varchar(500) null, "rejection_code" varchar(64) null, "rejection_message" varchar(500) null, "created_at" timestamptz not null, "settled_at" timestamptz null);`,
    );
    this.addSql(`alter table "core_command" add constraint "core_command_command_id_unique" unique ("command_id");`);
    this.addSql(`alter table "core_command" add constraint "core_command_order_id_sequence_unique" unique ("order_id", "sequence");`);
    this.addSql(`create index "core_command_pending_index" on "core_command" ("order_id", "sequence") where "state" = 'PENDING';`);
    this.addSql(`create index "core_command_rejected_index" on "core_command" ("settled_at") where "state" = 'REJECTED';`);
  }
}
