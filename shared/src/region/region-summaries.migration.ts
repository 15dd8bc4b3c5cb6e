import { Migration } from '@mikro-orm/migrations';

/** What a region needs to report summaries durably: its own outbox and the last revision sent per period. */
export class RegionSummariesMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "summary_publication" ("period_start" timestamptz not null, "revision" int not null, "fingerprint" varchar(64) not null, "published_at" timestamptz not null, primary key ("period_start"));`,
    );
    this.addSql(
      `create table "outbox_event" ("id" bigserial primary key, "message_id" varchar(200) not null, "subject" varchar(200) not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null);`,
    );
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_message_id_unique" unique ("message_id");`);
    this.addSql(`create index "outbox_event_published_at_index" on "outbox_event" ("published_at");`);
  }
}
