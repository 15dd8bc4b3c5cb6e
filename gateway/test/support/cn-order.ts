import { randomUUID } from 'node:crypto';

/** The mutation the gateway's end-to-end tests place a CN order with; `order` is the placed order's alias. */
export const PLACE_CN_ORDER = `mutation PlaceCnOrder($input: PlaceCnOrderInput!) { order: placeCnOrder(input: $input) { id } }`;

/**
 * A valid CN order for `lines`, with a fresh idempotency key: the tests care about what happens to an order, not
 * about whose it is, so one made-up customer and address serve them all.
 */
export function cnOrderInput(lines: ReadonlyArray<Record<string, unknown>>, extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    idempotencyKey: randomUUID(),
    lines,
    customer: { name: '王芳', phone: '13912345678' },
    shippingAddress: {
      recipientName: '王芳',
      recipientPhone: '13912345678',
      province: '上海市',
      city: '上海市',
      district: '浦东新区',
      street: '世纪大道 1 号',
    },
    ...extra,
  };
}
