import { Migration } from '@mikro-orm/migrations';

/**
 * Refunds of orders paid partly with a presale deposit's expansion or with points: the refund records how the
 * returned goods' value was split (cash, points back, expansion kept), so the cash is no longer always the goods
 * less the deductions; it is still never negative nor above the goods' value.
 */
export class Migration20261203070500CnRefundPaymentSplit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "cn_refund" add column "payment_split" jsonb null;`);
    this.addSql(`alter table "cn_refund" drop constraint "cn_refund_amount_check";`);
    this.addSql(
      `alter table "cn_refund" add constraint "cn_refund_amount_check" check (amount >= 0 and amount <= goods_amount and (payment_split is not null or amount = goods_amount - gift_deduction - pickup_fee_deduction));`,
    );
  }
}
