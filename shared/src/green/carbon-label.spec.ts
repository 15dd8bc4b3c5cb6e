import { DEFAULT_CARBON_LABEL, formatCarbonLabel, validateCarbonLabelFormat, type CarbonLabelFormat } from './carbon-label.js';

const DE: CarbonLabelFormat = { locale: 'de-DE', template: '{value} kg CO₂e', unit: 'kg', maximumFractionDigits: 1 };
const CN: CarbonLabelFormat = { locale: 'zh-CN', template: '碳排放约 {value} 千克二氧化碳当量', unit: 'kg', maximumFractionDigits: 1 };
const SEA: CarbonLabelFormat = { locale: 'en-SG', template: '{value} g CO2e', unit: 'g', maximumFractionDigits: 0 };

describe('formatCarbonLabel', () => {
  it.each<[string, number, CarbonLabelFormat, string]>([
    ['default', 1_234, DEFAULT_CARBON_LABEL, '1.2 kg CO2e'],
    ['German decimal comma', 1_234, DE, '1,2 kg CO₂e'],
    ['German thousands', 12_345_678, DE, '12.345,7 kg CO₂e'],
    ['Chinese wording', 1_234, CN, '碳排放约 1.2 千克二氧化碳当量'],
    ['grams, no decimals', 1_234.4, SEA, '1,234 g CO2e'],
    ['zero', 0, DE, '0 kg CO₂e'],
  ])('%s', (_name, grams, format, label) => {
    expect(formatCarbonLabel(grams, format)).toBe(label);
  });
});

describe('validateCarbonLabelFormat', () => {
  it.each<[string, Partial<CarbonLabelFormat>, string[]]>([
    ['valid', {}, []],
    ['no placeholder', { template: 'kg CO2e' }, ['template']],
    ['bad locale', { locale: 'not a locale!' }, ['locale']],
    ['bad unit', { unit: 't' as never }, ['unit']],
    ['too precise', { maximumFractionDigits: 7 }, ['maximumFractionDigits']],
  ])('%s', (_name, change, fields) => {
    expect(validateCarbonLabelFormat({ ...DE, ...change }).map((problem) => problem.field)).toEqual(fields);
  });
});
