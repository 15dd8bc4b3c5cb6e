import { Migration } from '@mikro-orm/migrations';

/**
 * Regions answer placements themselves: order numbers from the region's own sequence, a registration core
 * may refuse, and core's statuses no longer spelt out in CHECK constraints (core's state machine decides them).
 */
export class RegionEdgeAutonomyMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "regional_order" drop constraint if exists "regional_order_status_check";`);
    this.addSql(`alter table "regional_order" drop constraint if exists "regional_order_registration_check";`);
    this.addSql(`alter table "regional_order_status_event" drop constraint if exists "regional_order_status_event_from_status_check";`);
    this.addSql(`alter table "regional_order_status_event" drop constraint if exists "regional_order_status_event_to_status_check";`);
    this.addSql(`alter table "regional_order" alter column "registration" type varchar(16), alter column "status" type varchar(32);`);
    this.addSql(`alter table "regional_order_status_event" alter column "from_status" type varchar(32), alter column "to_status" type varchar(32);`);
    this.addSql(`alter table "regional_order" add column "registration_rejection" varchar(500) null;`);
    this.addSql(`create sequence "order_number_seq";`);
  }
}
