import { registerEnumType } from 'type-graphql';

/** How a SEA customer pays: cash on delivery is mainstream here; the others are settled before dispatch. */
export const SEA_PAYMENT_METHODS = ['COD', 'CARD', 'E_WALLET', 'BANK_TRANSFER'] as const;
export type SeaPaymentMethod = (typeof SEA_PAYMENT_METHODS)[number];

export const SeaPaymentMethodEnum = Object.fromEntries(SEA_PAYMENT_METHODS.map((m) => [m, m])) as { [M in SeaPaymentMethod]: M };
registerEnumType(SeaPaymentMethodEnum, {
  name: 'SeaPaymentMethod',
  description: 'COD: cash to the courier at the door; CARD, E_WALLET, BANK_TRANSFER: paid before dispatch.',
  valuesConfig: {
    COD: { description: 'Cash on delivery: the customer pays the courier at the door.' },
    CARD: { description: 'Card payment before dispatch.' },
    E_WALLET: { description: 'E-wallet payment (GoPay, GrabPay, GCash…) before dispatch.' },
    BANK_TRANSFER: { description: 'Bank transfer or virtual account before dispatch.' },
  },
});
