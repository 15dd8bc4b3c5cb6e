/** What each field of a stored SEA address means, as the API says it wherever one is read: an order's shipping address, a saved address. */
export const SEA_ADDRESS_DESCRIPTIONS = {
  recipientName: 'Who receives the parcel.',
  recipientPhone: 'E.164.',
  line1: 'Street, number, building; RT/RW in Indonesia, moo/soi in Thailand.',
  line2: 'More of the address; null when there is none.',
  subdistrict: 'Kelurahan/desa (ID), tambon/khwaeng (TH), phường/xã (VN), barangay (PH); null when not given.',
  district: 'Kecamatan (ID), amphoe/khet (TH), quận/huyện (VN), municipality (PH); null when not given.',
  city: 'City.',
  province: 'Province or state.',
  postalCode: 'Digits only: 4 in PH, 5 in ID, TH and MY, 6 in VN and SG.',
  country: 'ISO 3166-1 alpha-2 code: ID, TH, MY, PH, VN or SG.',
} as const;
