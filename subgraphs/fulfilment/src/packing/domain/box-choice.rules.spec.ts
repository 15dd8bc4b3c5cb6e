import { DEFAULT_BOXES } from './box-catalogue.js';
import { binpackingPacker } from './box-packer.js';
import { choosePacking, estimatedDimensions, packInStandardBox, passesLowerBound, unitsOf } from './box-choice.rules.js';
import type { PackItem } from './packing.types.js';

const item = (lineNo: number, l: number, w: number, h: number, grams = 200): PackItem => ({
  lineNo,
  sku: `S${lineNo}`,
  lengthMm: l,
  widthMm: w,
  heightMm: h,
  weightGrams: grams,
});
const times = (n: number, unit: PackItem) => Array.from({ length: n }, () => ({ ...unit }));
const M = DEFAULT_BOXES.find((box) => box.code === 'M')!;

describe('choosePacking (smallest box by volume, then material; 3D-checked)', () => {
  it.each<[string, PackItem[], string[], string[]]>([
    ['a paperback fits XS', [item(1, 180, 120, 30)], ['XS'], []],
    ['a long thin item rotates into S', [item(1, 100, 280, 20)], ['S'], []],
    ['four mugs need S', times(4, item(1, 120, 90, 90, 350)), ['S'], []],
    ['weight, not volume, rules: 3 kg of small parts skip XS', times(6, item(1, 50, 50, 50, 500)), ['S'], []],
    ['a sofa cushion fits only XL', [item(1, 550, 450, 350, 2_000)], ['XL'], []],
    ['more than XL holds is split into parcels', times(3, item(1, 550, 450, 180, 2_000)), ['XL', 'XL'], []],
    [
      'a unit larger than every box is refused with its line; the rest is packed',
      [item(1, 900, 200, 200), item(2, 100, 100, 50)],
      ['XS'],
      ['1:ITEM_LARGER_THAN_EVERY_BOX'],
    ],
    ['a unit heavier than every box is refused with its line', [item(3, 100, 100, 100, 40_000)], [], ['3:ITEM_HEAVIER_THAN_EVERY_BOX']],
    ['nothing to pack', [], [], []],
  ])('%s', (_name, items, boxes, refused) => {
    const result = choosePacking(items, DEFAULT_BOXES, binpackingPacker);
    expect(result.parcels.map((parcel) => parcel.box.code)).toEqual(boxes);
    expect(result.refused.map((refusal) => `${refusal.lineNo}:${refusal.code}`)).toEqual(refused);
    const packedUnits = result.parcels.reduce((sum, parcel) => sum + parcel.items.length, 0);
    expect(packedUnits + result.refused.reduce((sum, refusal) => sum + refusal.units, 0)).toBe(items.length);
    for (const parcel of result.parcels) {
      expect(parcel.voidFillMm3).toBeGreaterThanOrEqual(0);
      expect(passesLowerBound(parcel.box, parcel.items)).toBe(true);
      expect(parcel.proven).toBe(parcel.items.length <= 6);
    }
  });

  it('never chooses a box bigger than the standard one for what the standard box holds', () => {
    const items = [item(1, 180, 120, 30), item(2, 120, 90, 90, 350)];
    const chosen = choosePacking(items, DEFAULT_BOXES, binpackingPacker).parcels;
    const standard = packInStandardBox(items, DEFAULT_BOXES, binpackingPacker).parcels;
    expect(chosen.reduce((s, p) => s + p.box.materialGrams, 0)).toBeLessThanOrEqual(standard.reduce((s, p) => s + p.box.materialGrams, 0));
    expect(standard.map((p) => p.box)).toEqual([M]);
  });
});

describe('unitsOf', () => {
  it.each([
    ['measured', { lengthMm: 100, widthMm: 50, heightMm: 20 }, [100, 50, 20]],
    ['unmeasured: a cube of its volumetric size (5,000 cm³/kg)', { lengthMm: null, widthMm: null, heightMm: null }, [100, 100, 100]],
  ])('%s', (_name, dims, expected) => {
    const units = unitsOf([{ lineNo: 1, sku: 'A', quantity: 2, weightGrams: 200, ...dims }]);
    expect(units).toHaveLength(2);
    expect([units[0]!.lengthMm, units[0]!.widthMm, units[0]!.heightMm]).toEqual(expected);
  });

  it('estimates a 1 kg unit as a 171 mm cube', () => {
    expect(estimatedDimensions(1_000)).toEqual({ lengthMm: 171, widthMm: 171, heightMm: 171 });
  });
});
