import { Migration } from '@mikro-orm/migrations';

/**
 * A consignment whose last member left before it departed (moved off a node that went down, cancelled, expired)
 * is CANCELLED, with the time: it no longer waits at its node, and a new order of the customer there opens a fresh one.
 */
export class Migration20261203100000EmptiedConsignments extends Migration {
  override async up(): Promise<void> {
    const sql = [
      `alter table consignment drop constraint consignment_state_check`,
      `alter table consignment add constraint consignment_state_check check (state in ('HOLDING', 'RELEASED', 'CANCELLED')),
        add column cancelled_at timestamptz null, add constraint consignment_cancelled_check check ((state = 'CANCELLED') = (cancelled_at is not null))`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
