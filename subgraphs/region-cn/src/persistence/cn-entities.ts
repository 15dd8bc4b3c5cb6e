import { PersonalDataAccessLog } from '@hub/shared/region/personal-data.access-log.entity';
import { CnOrderContact } from '../orders/cn-order-contact.entity.js';
import { CnOrderGift } from '../orders/cn-order-gift.entity.js';
import { CnOrderLine } from '../orders/cn-order-line.entity.js';
import { CnPickupSlot } from '../pickups/persistence/cn-pickup-slot.entity.js';
import { CnReturnPickup } from '../pickups/persistence/cn-return-pickup.entity.js';
import { CnRefund } from '../refunds/persistence/cn-refund.entity.js';
import { CnReturnLine } from '../returns/persistence/cn-return-line.entity.js';
import { CnReturn } from '../returns/persistence/cn-return.entity.js';

/** Every table region-cn owns besides the shared regional ones; the migrations must create exactly these. */
export const cnEntities = [CnOrderContact, CnOrderLine, CnOrderGift, CnReturn, CnReturnLine, CnPickupSlot, CnReturnPickup, CnRefund, PersonalDataAccessLog];
export const cnReturnEntities = [CnOrderLine, CnOrderGift, CnReturn, CnReturnLine, CnPickupSlot, CnReturnPickup, CnRefund];
