import { p } from '@mikro-orm/core';

/** The columns of a stored SEA address, alike wherever one is kept (an order's contact row, the address book). */
export const seaAddressProperties = () => ({
  recipientName: p.string().length(100),
  /** E.164, as couriers dial it. */
  recipientPhone: p.string().length(16),
  line1: p.string().length(200),
  line2: p.string().length(200).nullable(),
  subdistrict: p.string().length(100).nullable(),
  district: p.string().length(100).nullable(),
  city: p.string().length(100),
  province: p.string().length(100),
  postalCode: p.string().length(6),
  country: p.string().length(2),
});
