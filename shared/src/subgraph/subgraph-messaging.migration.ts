import { Migration } from '@mikro-orm/migrations';

/**
 * The tables the subgraph starter itself uses: processed messages (consumers' de-duplication) and the
 * outbox. Idempotent, because the regions created the same tables in their own first migrations.
 */
export class SubgraphMessagingMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "processed_message" ("consumer" varchar(100) not null, "message_id" varchar(200) not null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"));`,
    );
    this.addSql(
      `create table if not exists "outbox_event" ("id" bigserial primary key, "message_id" varchar(200) not null, "subject" varchar(200) not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null);`,
    );
    this.addSql(`create unique index if not exists "outbox_event_message_id_unique" on "outbox_event" ("message_id");`);
    this.addSql(`create index if not exists "outbox_event_published_at_index" on "outbox_event" ("published_at");`);
  }
}
