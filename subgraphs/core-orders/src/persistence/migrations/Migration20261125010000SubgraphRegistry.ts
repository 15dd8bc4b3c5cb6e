import { Migration } from '@mikro-orm/migrations';

/** The schema registry: current subgraph schemas, every submission, and each composed supergraph. */
export class Migration20261125010000SubgraphRegistry extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "core_orders"."subgraph_registration" ("name" varchar(32) not null, "url" varchar(500) not null, "sdl" text not null, "version" varchar(100) not null, "accepted_at" timestamptz not null, "last_heartbeat_at" timestamptz null, primary key ("name"));`,
    );
    this.addSql(
      `create table "core_orders"."schema_submission" ("id" bigserial primary key, "name" varchar(32) not null, "version" varchar(100) not null, "url" varchar(500) not null, "accepted" boolean not null, "problems" jsonb not null, "submitted_at" timestamptz not null);`,
    );
    this.addSql(`create index "schema_submission_name_index" on "core_orders"."schema_submission" ("name");`);
    this.addSql(
      `create table "core_orders"."supergraph_revision" ("version" serial primary key, "sdl" text not null, "composed_at" timestamptz not null, "cause" varchar(200) not null);`,
    );
  }
}
