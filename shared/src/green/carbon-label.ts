/**
 * How a region shows a CO2e figure: locale for digits and separators, unit, and wording. Stored as data
 * (fulfilment's `carbon_label_format` table), so a region changes its label without a release.
 */
export interface CarbonLabelFormat {
  /** BCP 47 locale for the number (decimal comma in de-DE, …). */
  locale: string;
  /** Wording with a `{value}` placeholder: "{value} kg CO₂e", "碳排放约 {value} 千克二氧化碳当量". */
  template: string;
  unit: 'g' | 'kg';
  maximumFractionDigits: number;
}

export const DEFAULT_CARBON_LABEL: CarbonLabelFormat = { locale: 'en', template: '{value} kg CO2e', unit: 'kg', maximumFractionDigits: 1 };

export interface LabelFormatProblem {
  field: keyof CarbonLabelFormat;
  message: string;
}

/** Refuses a format that could not render: unknown locale, no placeholder, or an unusable precision. */
export function validateCarbonLabelFormat(format: CarbonLabelFormat): LabelFormatProblem[] {
  const problems: LabelFormatProblem[] = [];
  try {
    if (Intl.getCanonicalLocales(format.locale).length !== 1) problems.push({ field: 'locale', message: 'Give exactly one locale' });
  } catch {
    problems.push({ field: 'locale', message: 'Not a BCP 47 locale' });
  }
  if (!format.template.includes('{value}')) problems.push({ field: 'template', message: 'The wording needs a {value} placeholder' });
  if (format.template.length > 200) problems.push({ field: 'template', message: 'At most 200 characters' });
  if (!['g', 'kg'].includes(format.unit)) problems.push({ field: 'unit', message: 'Unit must be g or kg' });
  if (!Number.isInteger(format.maximumFractionDigits) || format.maximumFractionDigits < 0 || format.maximumFractionDigits > 3) {
    problems.push({ field: 'maximumFractionDigits', message: 'Between 0 and 3' });
  }
  return problems;
}

/** Renders grams CO2e in a region's units and wording. */
export function formatCarbonLabel(grams: number, format: CarbonLabelFormat): string {
  const value = format.unit === 'kg' ? grams / 1000 : grams;
  const number = new Intl.NumberFormat(format.locale, { maximumFractionDigits: format.maximumFractionDigits, minimumFractionDigits: 0 }).format(value);
  return format.template.split('{value}').join(number);
}
