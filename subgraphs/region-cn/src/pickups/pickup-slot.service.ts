import { randomUUID } from 'node:crypto';
import { raw, UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/postgresql';
import { assertCanReadOrder, readableRegions } from '@hub/shared/auth/access';
import type { Principal } from '@hub/shared/auth/principal';
import { ConflictError, ForbiddenError, InputValidationError, NotFoundError } from '@hub/shared/errors';
import { RegionalOrder } from '@hub/shared/region/regional-order.entity';
import type { Clock } from '../clock.js';
import { REGION } from '../returns/order-access.js';
import { CnReturn } from '../returns/persistence/cn-return.entity.js';
import { CnPickupSlot } from './persistence/cn-pickup-slot.entity.js';
import { pickupAreaOf } from './pickup-booking.service.js';
import type { PickupArea } from './pickup-slots.repository.js';

export interface OpenSlotsCommand extends PickupArea {
  slots: Array<{ startsAt: Date; endsAt: Date; capacity: number; fee: number }>;
}

/** The slots couriers offer per district: opened by operators, listed to customers for their return's address. */
export class PickupSlotService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
  ) {}

  async open(principal: Principal, command: OpenSlotsCommand): Promise<CnPickupSlot[]> {
    const regions = readableRegions(principal);
    if (regions && !regions.includes(REGION)) throw new ForbiddenError('The caller does not work in region cn');
    command.slots.forEach((slot, index) => {
      if (slot.endsAt <= slot.startsAt) throw new InputValidationError(`slots.${index}.endsAt`, 'A slot ends after it starts');
    });
    const area = { province: command.province, city: command.city, district: command.district };
    try {
      return await this.orm.em
        .fork()
        .transactional(async (em) => command.slots.map((slot) => em.create(CnPickupSlot, { id: randomUUID(), ...area, ...slot, booked: 0 })));
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new ConflictError('A slot starting at that time already exists in this district', { field: 'slots' });
      throw error;
    }
  }

  /** Slots not yet started, with a place left, at the address the goods are collected from. */
  async availableFor(principal: Principal, returnId: string): Promise<CnPickupSlot[]> {
    const em = this.orm.em.fork();
    const ret = await em.findOne(CnReturn, { id: returnId });
    const order = ret && (await em.findOne(RegionalOrder, { orderId: ret.orderId }));
    if (!ret || !order) throw new NotFoundError('CnReturn', returnId);
    assertCanReadOrder(principal, { region: REGION, customerRef: order.customerRef });
    const area = await pickupAreaOf(em, ret.orderId);
    return em.find(CnPickupSlot, { ...area, startsAt: { $gt: this.clock() }, booked: { $lt: raw('capacity') } }, { orderBy: { startsAt: 'asc' }, limit: 100 });
  }
}
