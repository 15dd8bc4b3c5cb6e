import { Migration } from '@mikro-orm/migrations';

/**
 * The relay's claim walks pending commands in due order and stops at its batch, so a pass reads what it sends rather
 * than every pending command (10,000 queued re-allocation notes were re-read on each of 200 passes). Every service
 * runs it (`openDatabase`); a schema without a command outbox is left alone.
 */
export class Migration20261203230000CommandDueIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$ begin
      if to_regclass('core_command') is not null then
        create index if not exists "core_command_due_index" on "core_command" ("next_attempt_at", "id") where "state" = 'PENDING';
      end if;
    end $$;`);
  }
}
