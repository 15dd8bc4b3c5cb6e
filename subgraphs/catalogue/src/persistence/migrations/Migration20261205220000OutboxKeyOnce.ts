import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox's message ids were kept unique twice: by the first migration's column constraint and by the index the
 * shared messaging migration creates under its own name. Every outbox insert wrote both; the shared one stays.
 */
export class Migration20261205220000OutboxKeyOnce extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "outbox_event" drop constraint if exists "outbox_event_message_id_key";`);
  }
}
