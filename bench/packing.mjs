// Smallest box vs "always the standard box": on generated baskets (1–8 units of a 40-SKU assortment, sizes
// from a paperback to a small appliance, some SKUs unmeasured), how much board, box volume and packaging CO2e
// the box choice saves, how often it splits or refuses, and the CPU it costs per shipment.
//
//   node bench/packing.mjs [--baskets 2000]
import { parseArgs } from 'node:util';
import { DEFAULT_BOXES } from '@hub/fulfilment/packing/domain/box-catalogue';
import { binpackingPacker } from '@hub/fulfilment/packing/domain/box-packer';
import { byVolumeThenMaterial, choosePacking, packInStandardBox, passesLowerBound, unitsOf } from '@hub/fulfilment/packing/domain/box-choice.rules';
import { CURRENT_CARBON_FACTORS } from '@hub/shared/green/carbon-factors.table';

const { values } = parseArgs({ options: { baskets: { type: 'string', default: '2000' } } });
const BASKETS = Number(values.baskets);

let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const between = (low, high) => Math.round(low + random() * (high - low));
const SKUS = Array.from({ length: 40 }, (_, i) => {
  const size =
    i < 20
      ? [between(80, 220), between(60, 160), between(15, 90)]
      : i < 34
        ? [between(150, 350), between(100, 250), between(60, 180)]
        : [between(300, 550), between(250, 420), between(150, 330)];
  const measured = i % 10 !== 9;
  return {
    sku: `S${i}`,
    weightGrams: Math.round(((size[0] * size[1] * size[2]) / 1000) * (0.15 + random() * 0.35)),
    lengthMm: measured ? size[0] : null,
    widthMm: measured ? size[1] : null,
    heightMm: measured ? size[2] : null,
  };
});
const baskets = Array.from({ length: BASKETS }, () => {
  const lines = [];
  const count = 1 + Math.floor(random() ** 2 * 5);
  for (let lineNo = 1; lineNo <= count; lineNo += 1) {
    const sku = SKUS[Math.floor(random() ** 1.5 * SKUS.length)];
    lines.push({ lineNo, ...sku, quantity: 1 + Math.floor(random() ** 3 * 3) });
  }
  return unitsOf(lines);
});

const totals = (results) => {
  const parcels = results.flatMap((result) => result.parcels);
  return {
    boxes: parcels.length,
    boardGrams: parcels.reduce((sum, parcel) => sum + parcel.box.materialGrams, 0),
    boxLitres: parcels.reduce((sum, parcel) => sum + parcel.box.lengthMm * parcel.box.widthMm * parcel.box.heightMm, 0) / 1e6,
    voidLitres: parcels.reduce((sum, parcel) => sum + parcel.voidFillMm3, 0) / 1e6,
    split: results.filter((result) => result.parcels.length > 1).length,
    refused: results.filter((result) => result.refused.length > 0).length,
  };
};

// Warm the JIT so the CPU figure is the steady state.
for (const basket of baskets.slice(0, 100)) choosePacking(basket, DEFAULT_BOXES, binpackingPacker);
const cpu0 = process.cpuUsage();
const chosen = baskets.map((basket) => choosePacking(basket, DEFAULT_BOXES, binpackingPacker));
const cpu = process.cpuUsage(cpu0);
const standard = baskets.map((basket) => packInStandardBox(basket, DEFAULT_BOXES, binpackingPacker));
const a = totals(chosen);
const b = totals(standard);
const co2 = (grams) => (grams * CURRENT_CARBON_FACTORS.packaging.corrugatedGramsPerGram) / 1000;
const units = baskets.reduce((sum, basket) => sum + basket.length, 0);
const pct = (x, y) => `${(100 * (1 - x / y)).toFixed(1)} %`;
console.log(
  `packing bench: ${BASKETS} baskets, ${units} units, boxes ${DEFAULT_BOXES.map((box) => box.code).join('/')} (standard: ${DEFAULT_BOXES.find((box) => box.standard).code}); factor ${CURRENT_CARBON_FACTORS.version}`,
);
console.log('                      | boxes | board kg | box volume m³ | void fill m³ | packaging kg CO2e | split | refused');
for (const [name, t] of [
  ['always standard box', b],
  ['smallest box', a],
]) {
  console.log(
    `${name.padEnd(21)} | ${String(t.boxes).padStart(5)} | ${(t.boardGrams / 1000).toFixed(1).padStart(8)} | ${(t.boxLitres / 1000).toFixed(2).padStart(13)} | ${(t.voidLitres / 1000).toFixed(2).padStart(12)} | ${co2(t.boardGrams).toFixed(1).padStart(17)} | ${String(t.split).padStart(5)} | ${t.refused}`,
  );
}
console.log(
  `saved: board ${pct(a.boardGrams, b.boardGrams)} (${((b.boardGrams - a.boardGrams) / BASKETS).toFixed(0)} g per shipment), box volume ${pct(a.boxLitres, b.boxLitres)}, void fill ${pct(a.voidLitres, b.voidLitres)}`,
);
// The volume/weight lower bound: no single box smaller than the first one passing it can hold the basket.
const sorted = [...DEFAULT_BOXES].sort(byVolumeThenMaterial);
let single = 0,
  atBound = 0,
  aboveBound = 0;
baskets.forEach((basket, i) => {
  const bound = sorted.find((box) => passesLowerBound(box, basket));
  if (!bound || chosen[i].parcels.length !== 1) return;
  single += 1;
  if (chosen[i].parcels[0].box.code === bound.code) atBound += 1;
  else aboveBound += 1;
});
console.log(
  `lower bound: ${single} baskets fit one box; the chosen box is the lower-bound box in ${atBound} (${((100 * atBound) / single).toFixed(1)} %), larger in ${aboveBound} (the bound admits it but the items do not fit, or the heuristic missed)`,
);
const parcels = chosen.flatMap((result) => result.parcels);
const proven = parcels.filter((parcel) => parcel.proven).length;
console.log(
  `proof: ${proven} of ${parcels.length} parcels (${((100 * proven) / parcels.length).toFixed(1)} %) have their box proven smallest by exact search (≤ 6 units); the rest rely on the 3D heuristic`,
);
console.log(`CPU: ${((cpu.user + cpu.system) / 1000 / BASKETS).toFixed(3)} ms per shipment (choosing among ${DEFAULT_BOXES.length} boxes, 3D-checked)`);
