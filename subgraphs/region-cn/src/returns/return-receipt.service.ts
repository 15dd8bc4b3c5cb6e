import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { InputValidationError } from '@hub/shared/errors';
import type { Clock } from '../clock.js';
import { CnOrderGift } from '../orders/cn-order-gift.entity.js';
import { CnOrderLine } from '../orders/cn-order-line.entity.js';
import { CnReturnPickup } from '../pickups/persistence/cn-return-pickup.entity.js';
import { assertValidInspection, type InspectedLine } from '../rules/inspection.rules.js';
import { assertReturnStep } from '../rules/return-steps.rules.js';
import { refundDeadline } from '../rules/refund-deadline.rules.js';
import type { CnReturn } from './persistence/cn-return.entity.js';
import { CnReturnLine } from './persistence/cn-return-line.entity.js';
import { inReturnTransaction } from './core-step.js';
import { advanceReturn, lockReturn } from './return-lock.js';

export interface InspectReturnCommand {
  returnId: string;
  /** When the goods arrived, if earlier than now: the refund deadline runs from it. */
  receivedAt?: Date | null;
  lines: Array<InspectedLine & { note?: string | null }>;
  /** Gift numbers that came back with the goods. */
  giftsReturned?: number[] | null;
  expectedVersion?: number | null;
}

/**
 * The goods on their way back: the courier's scan at the door (or none, when the customer sends the parcel or
 * drops it off), then receipt and inspection at the warehouse, whose scan time starts the refund deadline.
 */
export class ReturnReceiptService {
  constructor(
    private readonly orm: MikroORM,
    private readonly commandsQueued: () => void,
    private readonly clock: Clock,
  ) {}

  /** A courier scanning the same parcel twice changes nothing the second time. */
  scanPickup(principal: Principal, command: { returnId: string }): Promise<CnReturn> {
    return inReturnTransaction(this.orm, this.commandsQueued, async (em) => {
      const { ret } = await lockReturn(em, principal, command.returnId);
      if (ret.state === 'PICKED_UP') return ret;
      const pickedUpAt = this.clock();
      await advanceReturn(em, principal, ret, 'pickUp', pickedUpAt, 'picked up at the door');
      const pickup = await em.findOneOrFail(CnReturnPickup, { returnId: ret.id });
      em.assign(pickup, { state: 'PICKED_UP', pickedUpAt, pickedUpBy: principal.subject });
      await em.flush();
      return ret;
    });
  }

  inspect(principal: Principal, command: InspectReturnCommand): Promise<CnReturn> {
    return inReturnTransaction(this.orm, this.commandsQueued, async (em) => {
      const { ret } = await lockReturn(em, principal, command.returnId, command.expectedVersion);
      assertReturnStep(ret.state, 'receive');
      const returned = await em.find(CnReturnLine, { returnId: ret.id });
      const orderLines = await em.find(CnOrderLine, { orderId: ret.orderId, lineNo: { $in: returned.map((line) => line.lineNo) } });
      assertValidInspection(
        returned.map((line) => ({
          lineNo: line.lineNo,
          sealedMedia: orderLines.find((o) => o.lineNo === line.lineNo)?.returnExclusion === 'SEALED_MEDIA',
        })),
        command.lines,
      );
      const giftsReturned = await this.validGifts(em, ret.orderId, command.giftsReturned ?? []);
      const receivedAt = await this.validReceipt(em, ret, command.receivedAt ?? this.clock());

      const complete = command.lines.filter((line) => line.complete).length;
      const arrival = ret.state === 'PICKED_UP' ? 'picked up at the door' : 'sent or dropped off by the customer';
      await advanceReturn(em, principal, ret, 'receive', receivedAt, `${arrival}; received and inspected: ${complete} of ${returned.length} line(s) complete`);
      for (const finding of command.lines) {
        em.assign(
          returned.find((line) => line.lineNo === finding.lineNo)!,
          {
            complete: finding.complete,
            incompleteReason: finding.reason ?? null,
            packagingOpened: finding.packagingOpened ?? null,
            inspectionNote: finding.note ?? null,
          },
        );
      }
      em.assign(ret, { receivedAt, refundDueBefore: refundDeadline(receivedAt).endsBefore, giftsReturned, inspectedBy: principal.subject });
      await em.flush();
      return ret;
    });
  }

  private async validGifts(em: EntityManager, orderId: string, giftNos: number[]): Promise<number[]> {
    const known = new Set((await em.find(CnOrderGift, { orderId })).map((gift) => gift.giftNo));
    const unknown = giftNos.find((giftNo) => !known.has(giftNo));
    if (unknown !== undefined) throw new InputValidationError('giftsReturned', `The order has no gift ${unknown}`);
    return [...new Set(giftNos)].sort((a, b) => a - b);
  }

  /** Receipt cannot be in the future, nor before the courier collected the parcel (or the customer asked, for a parcel sent back). */
  private async validReceipt(em: EntityManager, ret: CnReturn, receivedAt: Date): Promise<Date> {
    const pickup = await em.findOne(CnReturnPickup, { returnId: ret.id });
    const earliest = pickup?.pickedUpAt ?? ret.requestedAt;
    if (receivedAt.getTime() > this.clock().getTime() || receivedAt < earliest) {
      throw new InputValidationError('receivedAt', 'The goods cannot arrive before pickup or in the future');
    }
    return receivedAt;
  }
}
