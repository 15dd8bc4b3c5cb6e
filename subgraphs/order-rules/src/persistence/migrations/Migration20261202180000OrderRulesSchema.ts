import { Migration } from '@mikro-orm/migrations';
import { createExtensionSql } from '@hub/shared/persistence/extensions';

/** Rule sets, their versions and approvals, the append-only audit trail, and the de-personalised order sample for dry-runs. */
export class Migration20261202180000OrderRulesSchema extends Migration {
  override async up(): Promise<void> {
    for (const sql of createExtensionSql('btree_gist')) this.addSql(sql);
    this.addSql(
      `create table "rule_set" ("id" uuid primary key, "key" varchar(64) not null unique, "name" varchar(200) not null, "module" varchar(32) not null, "scope_region" varchar(16) null, "scope_channel" varchar(20) null, "scope_segment" varchar(32) null, "publication" int not null default 0, "last_version" int not null default 0, "created_by" varchar(200) not null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `create table "rule_set_version" ("id" uuid primary key, "rule_set_id" uuid not null references "rule_set" ("id"), "number" int not null, "status" varchar(16) not null, "rules" jsonb not null, "effective_from" timestamptz not null, "effective_to" timestamptz null, "author" varchar(200) not null, "note" varchar(500) not null default '', "based_on" int null, "revision" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, unique ("rule_set_id", "number"), check ("effective_to" is null or "effective_to" > "effective_from"));`,
    );
    // No two published versions of one rule set are in force at the same instant, whatever a code path forgets.
    this.addSql(
      `alter table "rule_set_version" add constraint "rule_set_version_no_overlap" exclude using gist ("rule_set_id" with =, tstzrange("effective_from", coalesce("effective_to", 'infinity')) with &&) where ("status" = 'PUBLISHED');`,
    );
    this.addSql(
      `create table "rule_approval" ("version_id" uuid not null references "rule_set_version" ("id"), "approver" varchar(200) not null, "at" timestamptz not null, primary key ("version_id", "approver"));`,
    );
    this.addSql(
      `create table "rule_audit_entry" ("id" bigserial primary key, "at" timestamptz not null, "actor_id" varchar(200) not null, "actor_role" varchar(32) not null, "action" varchar(64) not null, "rule_set" varchar(64) not null, "version" int null, "before" jsonb null, "after" jsonb null);`,
    );
    this.addSql(`create index "rule_audit_entry_rule_set_index" on "rule_audit_entry" ("rule_set", "id");`);
    this.addSql(
      `create function "rule_audit_entry_append_only"() returns trigger language plpgsql as $$ begin raise exception 'rule_audit_entry is append-only'; end $$;`,
    );
    this.addSql(
      `create trigger "rule_audit_entry_append_only" before update or delete or truncate on "rule_audit_entry" for each statement execute function "rule_audit_entry_append_only"();`,
    );
    this.addSql(
      `create table "order_sample" ("order_id" uuid primary key, "number" varchar(40) not null, "region" varchar(16) not null, "channel" varchar(20) not null, "currency" varchar(3) not null, "grand_total" bigint not null, "placed_at" timestamptz not null, "lines" jsonb not null);`,
    );
    this.addSql(`create index "order_sample_placed_at_index" on "order_sample" ("placed_at");`);
  }
}
