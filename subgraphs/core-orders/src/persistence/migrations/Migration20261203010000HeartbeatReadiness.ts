import { Migration } from '@mikro-orm/migrations';

/** A heartbeat says whether the subgraph's own readiness checks pass and how starved of CPU it is. */
export class Migration20261203010000HeartbeatReadiness extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "core_orders"."subgraph_registration" add column "last_heartbeat_ready" boolean null, add column "last_event_loop_delay_ms" integer null;`,
    );
  }
}
