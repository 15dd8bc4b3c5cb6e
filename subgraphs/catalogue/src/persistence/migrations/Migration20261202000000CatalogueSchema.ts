import { Migration } from '@mikro-orm/migrations';
import { createExtensionSql } from '@hub/shared/persistence/extensions';

/** Products, price lists, the audit trail, imports, the catalogue version counter and the outbox. */
export class Migration20261202000000CatalogueSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "catalogue_state" ("id" int primary key check ("id" = 1), "version" int not null);`);
    this.addSql(`insert into "catalogue_state" ("id", "version") values (1, 0);`);
    this.addSql(
      `create table "product" ("id" uuid primary key, "sku" varchar(64) not null unique, "names" jsonb not null, "category" varchar(40) not null, "cn_return_class" varchar(40) not null, "eu_tax_class" varchar(16) not null, "hazardous" boolean not null, "weight_grams" int not null check ("weight_grams" >= 0), "length_mm" int not null check ("length_mm" >= 0), "width_mm" int not null check ("width_mm" >= 0), "height_mm" int not null check ("height_mm" >= 0), "status" varchar(16) not null, "version" int not null, "catalogue_version" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "product_category_index" on "product" ("category");`);
    this.addSql(`create index "product_status_index" on "product" ("status");`);
    this.addSql(
      `create table "price_list" ("id" varchar(100) primary key, "region" varchar(16) not null, "channel" varchar(20) not null, "currency" varchar(3) not null, "valid_from" timestamptz not null, "valid_to" timestamptz null, "shipping" jsonb not null, "version" int not null, "catalogue_version" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, check ("valid_to" is null or "valid_to" > "valid_from"));`,
    );
    // The database refuses overlapping lists of one scope too, whatever a future code path forgets to check.
    for (const sql of createExtensionSql('btree_gist')) this.addSql(sql);
    this.addSql(
      `alter table "price_list" add constraint "price_list_no_overlap" exclude using gist ("region" with =, "channel" with =, "currency" with =, tstzrange("valid_from", coalesce("valid_to", 'infinity')) with &&);`,
    );
    this.addSql(
      `create table "price" ("price_list_id" varchar(100) not null references "price_list" ("id") on delete cascade, "sku" varchar(64) not null references "product" ("sku"), "unit_price" bigint not null check ("unit_price" >= 0), "free" boolean not null, primary key ("price_list_id", "sku"), check ("free" = ("unit_price" = 0)));`,
    );
    this.addSql(
      `create table "catalogue_audit_entry" ("id" bigserial primary key, "at" timestamptz not null, "actor_id" varchar(200) not null, "actor_role" varchar(32) not null, "action" varchar(64) not null, "entity_type" varchar(32) not null, "entity_id" varchar(100) not null, "catalogue_version" int not null, "before" jsonb null, "after" jsonb null);`,
    );
    this.addSql(`create index "catalogue_audit_entry_at_index" on "catalogue_audit_entry" ("at");`);
    this.addSql(`create index "catalogue_audit_entry_actor_id_index" on "catalogue_audit_entry" ("actor_id");`);
    this.addSql(`create index "catalogue_audit_entry_entity_id_index" on "catalogue_audit_entry" ("entity_id");`);
    this.addSql(
      `create function "catalogue_audit_entry_append_only"() returns trigger language plpgsql as $$ begin raise exception 'catalogue_audit_entry is append-only'; end $$;`,
    );
    this.addSql(
      `create trigger "catalogue_audit_entry_append_only" before update or delete or truncate on "catalogue_audit_entry" for each statement execute function "catalogue_audit_entry_append_only"();`,
    );
    this.addSql(
      `create table "catalogue_import" ("id" uuid primary key, "kind" varchar(16) not null, "format" varchar(8) not null, "price_list_id" varchar(100) null, "status" varchar(16) not null, "total_rows" int not null, "processed_rows" int not null, "applied_rows" int not null, "rejected_row_count" int not null, "problems" jsonb not null, "catalogue_version" int null, "created_by" varchar(200) not null, "created_at" timestamptz not null, "finished_at" timestamptz null);`,
    );
    this.addSql(
      `create table "outbox_event" ("id" bigserial primary key, "message_id" varchar(200) not null unique, "subject" varchar(200) not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null);`,
    );
    this.addSql(`create index "outbox_event_published_at_index" on "outbox_event" ("published_at");`);
  }
}
