import type { EuMemberState } from './eu-member-states.js';

/**
 * Parts of member states outside the EU VAT area (art. 6 VAT Directive): a parcel sent there is an export,
 * not an intra-EU supply, which the DE shop does not handle. Recognised by postal-code prefix.
 */
const OUTSIDE_VAT_AREA: Partial<Record<EuMemberState, readonly string[]>> = {
  DE: ['27498', '78266'], // Heligoland, Büsingen am Hochrhein
  ES: ['35', '38', '51', '52'], // Canary Islands (Las Palmas, Santa Cruz de Tenerife), Ceuta, Melilla
  FI: ['22'], // Åland
  FR: ['97', '984', '986', '987', '988'], // overseas departments and collectivities (Monaco, 980, belongs to France's VAT area)
  GR: ['63086'], // Mount Athos
  IT: ['22061', '23041'], // Campione d'Italia, Livigno
};

export function isOutsideEuVatArea(country: EuMemberState, postalCode: string): boolean {
  const digits = postalCode.replace(/\D/g, '');
  return (OUTSIDE_VAT_AREA[country] ?? []).some((prefix) => digits.startsWith(prefix));
}
