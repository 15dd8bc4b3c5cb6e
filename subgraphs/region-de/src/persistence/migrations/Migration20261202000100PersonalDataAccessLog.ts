import { Migration } from '@mikro-orm/migrations';

/** The access log takes the name every region uses (`personal_data_access_log`); its rows and columns stay as they are. */
export class Migration20261202000100PersonalDataAccessLog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "de_access_log" rename to "personal_data_access_log";`);
    this.addSql(`alter sequence "de_access_log_id_seq" rename to "personal_data_access_log_id_seq";`);
    this.addSql(`alter index "de_access_log_pkey" rename to "personal_data_access_log_pkey";`);
    this.addSql(`alter index "de_access_log_at_index" rename to "personal_data_access_log_at_index";`);
    this.addSql(`alter index "de_access_log_order_id_index" rename to "personal_data_access_log_order_id_index";`);
  }
}
