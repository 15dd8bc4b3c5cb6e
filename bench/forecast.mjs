// Demand forecast and pre-positioning on generated history with regional surges:
//  1. rolling-origin backtest error (WAPE, MASE) of damped Holt-Winters, the seasonal-naive baseline, and the
//     per-series choice the service makes;
//  2. a 28-day simulation of forward warehouses (前置仓) stocked by a fixed weekly top-up vs by daily
//     forecast-driven transfer proposals, printing the average delivery time of each (the seed reports −37 %).
//
//   node bench/forecast.mjs [--skus 40]
import { parseArgs } from 'node:util';
import { backtest, forecastDemand } from '@hub/fulfilment/forecast/domain/backtest';
import { proposeTransfers } from '@hub/fulfilment/forecast/domain/transfer-proposals';

const { values } = parseArgs({ options: { skus: { type: 'string', default: '40' } } });
const SKUS = Number(values.skus);
const ZONES = ['north', 'east', 'south'];
const HISTORY = 84;
const FUTURE = 28;
const WEEKDAY = [0.8, 0.9, 0.95, 1, 1.1, 1.45, 1.3];
// Hours to the customer from a forward warehouse in the zone, and from the central warehouse.
const FORWARD_HOURS = 10;
const CENTRAL_HOURS = 34;

let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
// Knuth's method; demand means stay small enough for it.
const poisson = (mean) => {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k += 1;
  return k;
};

// Each series: base level, weekly pattern, a trend, and in one zone a surge that starts in the last weeks of history and lasts.
const series = [];
for (const zone of ZONES)
  for (let s = 0; s < SKUS; s += 1) {
    const base = 3 + random() * 20;
    const trend = (random() - 0.4) * 0.05;
    const surgeStart = zone === 'north' && s % 2 === 0 ? HISTORY - 14 - Math.floor(random() * 7) : Infinity;
    const surge = 1.8 + random();
    const demand = Array.from({ length: HISTORY + FUTURE }, (_, t) =>
      poisson(Math.max(0.2, (base + trend * t) * WEEKDAY[t % 7] * (t >= surgeStart ? surge : 1))),
    );
    series.push({ zone, sku: `S${s}`, demand });
  }

// 1. Backtest on history.
const pooled = { HOLT_WINTERS: { abs: 0, vol: 0, mase: 0 }, SEASONAL_NAIVE: { abs: 0, vol: 0, mase: 0 }, CHOSEN: { abs: 0, vol: 0, mase: 0 } };
let chosenHw = 0;
for (const { demand } of series) {
  const history = demand.slice(0, HISTORY);
  const scores = Object.fromEntries(['HOLT_WINTERS', 'SEASONAL_NAIVE'].map((method) => [method, backtest(history, method)]));
  const chosen = forecastDemand(history.slice(0, HISTORY - 28), 7).method; // chosen on data before the scored window
  if (chosen === 'HOLT_WINTERS') chosenHw += 1;
  const volume = history.slice(HISTORY - 28).reduce((a, b) => a + b, 0);
  for (const method of ['HOLT_WINTERS', 'SEASONAL_NAIVE']) {
    pooled[method].abs += scores[method].wape * volume;
    pooled[method].vol += volume;
    pooled[method].mase += scores[method].mase;
  }
  pooled.CHOSEN.abs += scores[chosen].wape * volume;
  pooled.CHOSEN.vol += volume;
  pooled.CHOSEN.mase += scores[chosen].mase;
}
console.log(`forecast bench: ${series.length} zone×SKU series, ${HISTORY} days of history, weekly season, surges in the north zone`);
console.log('backtest (4 rolling origins × 7 days)        WAPE     mean MASE');
for (const [name, p] of Object.entries(pooled))
  console.log(`  ${name.padEnd(42)} ${((100 * p.abs) / p.vol).toFixed(1).padStart(5)} %  ${(p.mase / series.length).toFixed(3)}`);
console.log(`  per-series choice: Holt-Winters for ${chosenHw} of ${series.length} series`);

// 2. Pre-positioning simulation over the next 28 days.
function simulate(policy) {
  const forward = new Map(series.map((s) => [`${s.zone}|${s.sku}`, Math.round(avg(s.demand.slice(HISTORY - 28, HISTORY)) * 3)]));
  const inbound = new Map();
  let hours = 0;
  let units = 0;
  let fromForward = 0;
  for (let day = HISTORY; day < HISTORY + FUTURE; day += 1) {
    for (const [key, qty] of inbound) forward.set(key, forward.get(key) + qty);
    inbound.clear();
    if (policy === 'forecast') {
      const positions = series.map((s) => ({
        sku: s.sku,
        nodeId: s.zone,
        region: 'cn',
        available: forward.get(`${s.zone}|${s.sku}`),
        inbound: 0,
        dailyForecast: forecastDemand(s.demand.slice(0, day), 3).forecast,
      }));
      const central = [...new Set(series.map((s) => s.sku))].map((sku) => ({ sku, nodeId: 'central', region: 'cn', available: 1_000_000 }));
      for (const p of proposeTransfers(positions, central, { coverDays: 3, safetyFactor: 0.25, centralReserveShare: 0, minimumQuantity: 1 })) {
        inbound.set(`${p.toNodeId}|${p.sku}`, (inbound.get(`${p.toNodeId}|${p.sku}`) ?? 0) + p.quantity);
      }
    } else if ((day - HISTORY) % 7 === 0) {
      // The usual practice: a weekly top-up to last month's average × 7.
      for (const s of series) {
        const key = `${s.zone}|${s.sku}`;
        inbound.set(key, Math.max(0, Math.round(avg(s.demand.slice(day - 28, day)) * 7) - forward.get(key)));
      }
    }
    for (const s of series) {
      const key = `${s.zone}|${s.sku}`;
      const wanted = s.demand[day];
      const local = Math.min(wanted, forward.get(key));
      forward.set(key, forward.get(key) - local);
      hours += local * FORWARD_HOURS + (wanted - local) * CENTRAL_HOURS;
      units += wanted;
      fromForward += local;
    }
  }
  return { hours: hours / units, share: fromForward / units };
}
const avg = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const weekly = simulate('weekly');
const forecast = simulate('forecast');
console.log(`pre-positioning simulation, ${FUTURE} days (forward ${FORWARD_HOURS} h, central ${CENTRAL_HOURS} h to the customer):`);
console.log(
  `  weekly top-up:               ${weekly.hours.toFixed(1)} h average delivery, ${(100 * weekly.share).toFixed(1)} % of units from forward warehouses`,
);
console.log(`  forecast-driven transfers:   ${forecast.hours.toFixed(1)} h average delivery, ${(100 * forecast.share).toFixed(1)} % from forward warehouses`);
console.log(`  delivery-time change: ${((100 * (forecast.hours - weekly.hours)) / weekly.hours).toFixed(1)} % (seed: −37 % in North China)`);
