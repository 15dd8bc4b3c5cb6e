import { Migration } from '@mikro-orm/migrations';

/**
 * Service staff page through every CN return by request time (newest or oldest first, then by id): one index on
 * (requested_at, id) serves both directions, the cursor and a requested-at window.
 */
export class Migration20261203161500CnReturnWorkList extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "cn_return_requested_at_id_index" on "cn_return" ("requested_at", "id");`);
  }
}
