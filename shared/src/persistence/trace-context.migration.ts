import { Migration } from '@mikro-orm/migrations';

/**
 * The trace context stored beside each outbox event and each command for core, so the message sent after the commit
 * continues the trace of the change that queued it. Every service runs it (`openDatabase`), on whichever of the two
 * tables its schema has; unqualified, because the migrator sets the search path to the owner's schema.
 */
export class Migration20261203070200TraceContext extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "outbox_event" add column if not exists "trace_context" jsonb null;`);
    this.addSql(`alter table if exists "core_command" add column if not exists "trace_context" jsonb null;`);
  }
}
