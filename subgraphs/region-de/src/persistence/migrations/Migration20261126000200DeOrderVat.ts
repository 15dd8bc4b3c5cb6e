import { Migration } from '@mikro-orm/migrations';

/** The VAT determination of each DE order, as made at intake. */
export class Migration20261126000200DeOrderVat extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "de_order_vat" ("order_id" uuid not null, "scheme" text not null, "destination" varchar(2) not null, "tax_country" varchar(2) null, "rate_bp" int not null, "rate_valid_from" date null, "order_date" date not null, "lines" jsonb not null, "net_total" bigint not null, "vat_total" bigint not null, "vat_id_check" varchar(16) null, "created_at" timestamptz not null, primary key ("order_id"));`,
    );
    this.addSql(`create index "de_order_vat_order_date_index" on "de_order_vat" ("order_date");`);
    this.addSql(
      `alter table "de_order_vat" add constraint "de_order_vat_scheme_check" check ("scheme" in ('DOMESTIC', 'DISTANCE_SALE_DE_VAT', 'OSS', 'IOSS', 'IMPORT', 'REVERSE_CHARGE'));`,
    );
  }
}
