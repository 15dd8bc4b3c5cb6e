import type { NoticeIntent } from './notice-contracts.js';

/** Languages notices are written in; anything else falls back to English. */
export const NOTICE_LANGUAGES = ['en', 'de', 'zh', 'th', 'id'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

type Phrases = {
  step: Record<string, string>;
  delayed: (until: string) => string;
  progress: (done: number, total: number) => string;
  at: (place: string) => string;
  finalPayment: (amount: string, until: string) => string;
};

const TEXT: Record<NoticeLanguage, Phrases> = {
  en: {
    step: {
      LABEL_CREATED: 'Your parcel has been registered',
      OUTBOUND: 'Your parcel has left the warehouse',
      FIRST_SCAN: 'Your parcel is with the carrier',
      OUT_FOR_DELIVERY: 'Your parcel is out for delivery',
      SIGNED: 'Your parcel has been delivered',
      DELIVERY_REFUSED: 'Your parcel was refused at the door',
      DEFAULT: 'Your parcel has moved',
    },
    delayed: (until) => `Your parcel is running late; we now expect it by ${until}`,
    progress: (done, total) => `${done} of ${total} parcels delivered`,
    at: (place) => ` (at ${place})`,
    finalPayment: (amount, until) => `Your presale order awaits its final payment of ${amount}; pay by ${until} to keep the deposit's value`,
  },
  de: {
    step: {
      LABEL_CREATED: 'Ihre Sendung wurde angemeldet',
      OUTBOUND: 'Ihre Sendung hat das Lager verlassen',
      FIRST_SCAN: 'Ihre Sendung ist beim Zusteller',
      OUT_FOR_DELIVERY: 'Ihre Sendung ist in Zustellung',
      SIGNED: 'Ihre Sendung wurde zugestellt',
      DELIVERY_REFUSED: 'Die Annahme Ihrer Sendung wurde verweigert',
      DEFAULT: 'Ihre Sendung ist unterwegs',
    },
    delayed: (until) => `Ihre Sendung verspätet sich; wir erwarten sie bis ${until}`,
    progress: (done, total) => `${done} von ${total} Sendungen zugestellt`,
    at: (place) => ` (in ${place})`,
    finalPayment: (amount, until) =>
      `Ihre Vorbestellung wartet auf die Restzahlung von ${amount}; zahlen Sie bis ${until}, damit die Anzahlung ihren Wert behält`,
  },
  zh: {
    step: {
      LABEL_CREATED: '您的包裹已登记',
      OUTBOUND: '您的包裹已出库',
      FIRST_SCAN: '快递员已揽收您的包裹',
      OUT_FOR_DELIVERY: '您的包裹正在派送',
      SIGNED: '您的包裹已签收',
      DELIVERY_REFUSED: '您的包裹已被拒收',
      DEFAULT: '您的包裹有新动态',
    },
    delayed: (until) => `您的包裹可能延误，预计 ${until} 前送达`,
    progress: (done, total) => `${total} 个包裹中已送达 ${done} 个`,
    at: (place) => `（${place}）`,
    finalPayment: (amount, until) => `您的预售订单待支付尾款 ${amount}，请在 ${until} 前支付，以免定金膨胀失效`,
  },
  th: {
    step: {
      LABEL_CREATED: 'พัสดุของคุณได้รับการลงทะเบียนแล้ว',
      OUTBOUND: 'พัสดุของคุณออกจากคลังสินค้าแล้ว',
      FIRST_SCAN: 'พัสดุของคุณอยู่กับขนส่งแล้ว',
      OUT_FOR_DELIVERY: 'พัสดุของคุณกำลังนำส่ง',
      SIGNED: 'พัสดุของคุณถูกส่งถึงแล้ว',
      DELIVERY_REFUSED: 'พัสดุของคุณถูกปฏิเสธการรับ',
      DEFAULT: 'พัสดุของคุณมีความเคลื่อนไหว',
    },
    delayed: (until) => `พัสดุของคุณล่าช้า คาดว่าจะถึงภายใน ${until}`,
    progress: (done, total) => `ส่งแล้ว ${done} จาก ${total} พัสดุ`,
    at: (place) => ` (ที่ ${place})`,
    finalPayment: (amount, until) => `คำสั่งซื้อล่วงหน้าของคุณรอชำระยอดคงเหลือ ${amount} กรุณาชำระภายใน ${until}`,
  },
  id: {
    step: {
      LABEL_CREATED: 'Paket Anda telah terdaftar',
      OUTBOUND: 'Paket Anda telah keluar dari gudang',
      FIRST_SCAN: 'Paket Anda sudah di kurir',
      OUT_FOR_DELIVERY: 'Paket Anda sedang diantar',
      SIGNED: 'Paket Anda telah diterima',
      DELIVERY_REFUSED: 'Paket Anda ditolak saat pengantaran',
      DEFAULT: 'Paket Anda bergerak',
    },
    delayed: (until) => `Paket Anda terlambat; perkiraan tiba ${until}`,
    progress: (done, total) => `${done} dari ${total} paket terkirim`,
    at: (place) => ` (di ${place})`,
    finalPayment: (amount, until) => `Pesanan pre-order Anda menunggu pelunasan ${amount}; bayar sebelum ${until} agar nilai uang muka tetap berlaku`,
  },
};

export const noticeLanguage = (preferred: string | null | undefined): NoticeLanguage =>
  (NOTICE_LANGUAGES as readonly string[]).includes(preferred ?? '') ? (preferred as NoticeLanguage) : 'en';

/** The notice's text in the customer's language and time zone; contains no personal data of its own. */
export function renderNotice(intent: NoticeIntent, language: NoticeLanguage, timeZone: string): string {
  const phrases = TEXT[language];
  switch (intent.topic) {
    case 'JOURNEY_STEP': {
      const text = phrases.step[intent.step ?? 'DEFAULT'] ?? phrases.step.DEFAULT!;
      return intent.location ? `${text}${phrases.at(intent.location.nodeId)}` : text;
    }
    case 'DELAY_WARNING':
      return phrases.delayed(
        new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(intent.eta ?? intent.occurredAt)),
      );
    case 'BATCH_PROGRESS':
      return phrases.progress(intent.progress?.delivered ?? 0, intent.progress?.total ?? 0);
    case 'FINAL_PAYMENT_DUE': {
      const due = intent.finalPayment;
      if (!due) return phrases.finalPayment('', '');
      const amount = new Intl.NumberFormat(language, { style: 'currency', currency: due.currency }).format(due.amountDue / 10 ** minorDigits(due.currency));
      return phrases.finalPayment(
        amount,
        new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(due.closesAt)),
      );
    }
  }
}

/** Minor-unit digits of a currency as Intl knows them (JPY 0, CNY 2). */
const minorDigits = (currency: string): number => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
