import { Migration } from '@mikro-orm/migrations';
import { DEFAULT_BOXES } from '../../packing/domain/box-catalogue.js';

/**
 * Green orders: each shipment's CO2e split as ISO 14083 reports it (TTW, WTW, hub operations, packaging) with
 * the factor version used, its boxes and void fill; the box catalogue; per-region label formats (data, so a
 * region rewords its label without a release); warehouse milestones' times on the shipment.
 */
export class Migration20261202180000GreenOrders extends Migration {
  override async up(): Promise<void> {
    const sql = [
      `alter table shipment
        add column co2e_ttw_grams int null, add column co2e_wtw_grams int null, add column co2e_operations_grams int null,
        add column co2e_packaging_grams int null, add column carbon_factor_version varchar(64) null,
        add column packaging jsonb not null default '[]', add column packing_refusals jsonb not null default '[]',
        add column picked_at timestamptz null, add column packed_at timestamptz null, add column outbound_at timestamptz null`,
      `alter table fulfilment_order add column carbon_factor_version varchar(64) null`,
      `create table box_type (code varchar(32) primary key, length_mm int not null check (length_mm > 0), width_mm int not null check (width_mm > 0),
        height_mm int not null check (height_mm > 0), max_weight_grams int not null check (max_weight_grams > 0), material_grams int not null check (material_grams >= 0),
        standard boolean not null default false, active boolean not null default true)`,
      `create unique index box_type_one_standard on box_type (standard) where standard`,
      `insert into box_type (code, length_mm, width_mm, height_mm, max_weight_grams, material_grams, standard) values ${DEFAULT_BOXES.map(
        (box) => `('${box.code}', ${box.lengthMm}, ${box.widthMm}, ${box.heightMm}, ${box.maxWeightGrams}, ${box.materialGrams}, ${box.standard})`,
      ).join(', ')}`,
      `create table carbon_label_format (region varchar(16) primary key, locale varchar(35) not null, template varchar(200) not null check (position('{value}' in template) > 0),
        unit varchar(2) not null check (unit in ('g', 'kg')), maximum_fraction_digits int not null check (maximum_fraction_digits between 0 and 3),
        updated_by varchar(200) not null, updated_at timestamptz not null default now())`,
      `insert into carbon_label_format (region, locale, template, unit, maximum_fraction_digits, updated_by) values
        ('de', 'de-DE', 'ca. {value} kg CO₂e', 'kg', 1, 'migration'),
        ('cn', 'zh-CN', '碳排放约 {value} 千克二氧化碳当量', 'kg', 1, 'migration'),
        ('sea', 'en-SG', '{value} kg CO2e', 'kg', 1, 'migration')`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
