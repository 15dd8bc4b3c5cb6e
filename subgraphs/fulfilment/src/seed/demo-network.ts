import { lane, type NetworkSeed } from './network.js';

const SKUS = [
  { sku: 'TEA-LJ-250', name: 'Longjing green tea 250 g', unitWeightGrams: 300 },
  { sku: 'MUG-CER-01', name: 'Ceramic mug', unitWeightGrams: 450 },
  { sku: 'HDP-BT-200', name: 'Bluetooth headphones', unitWeightGrams: 350 },
  { sku: 'TSH-ORG-M', name: 'Organic T-shirt M', unitWeightGrams: 200 },
];

type DemoNode = NetworkSeed['nodes'][number] & { perSku: number };
const node = (
  id: string,
  name: string,
  kind: DemoNode['kind'],
  region: string,
  zone: string,
  lat: number,
  lon: number,
  perSku: number,
  lanes = [lane('STD', 'STANDARD'), lane('EXP', 'EXPRESS')],
): DemoNode => ({ id, name, kind, region, zone, lat, lon, dailyCapacity: kind === 'STORE' ? 500 : 20_000, cutoffMinutes: [360, 840], lanes, perSku });

const NODES: DemoNode[] = [
  node('cn-sha-dc', 'Shanghai central DC', 'CENTRAL', 'cn', 'cn-east', 31.23, 121.47, 400),
  node('cn-hgh-fw', 'Hangzhou forward warehouse (前置仓)', 'FORWARD', 'cn', 'cn-east', 30.27, 120.15, 60, [
    lane('STD', 'STANDARD'),
    lane('EXP', 'EXPRESS'),
    lane('FLASH', 'SAME_DAY'),
  ]),
  node('cn-bjs-fw', 'Beijing forward warehouse (前置仓)', 'FORWARD', 'cn', 'cn-north', 39.9, 116.4, 30, [
    lane('STD', 'STANDARD'),
    lane('EXP', 'EXPRESS'),
    lane('FLASH', 'SAME_DAY'),
  ]),
  node('cn-sz-store', 'Shenzhen flagship store', 'STORE', 'cn', 'cn-south', 22.54, 114.06, 15),
  node('de-ber-dc', 'Berlin central DC', 'CENTRAL', 'de', 'de-east', 52.52, 13.4, 300),
  node('de-muc-fw', 'Munich city hub', 'FORWARD', 'de', 'de-south', 48.14, 11.58, 40),
  node('sea-sin-dc', 'Singapore central DC', 'CENTRAL', 'sea', 'sea-sg', 1.35, 103.82, 300),
  node('sea-kul-fw', 'Kuala Lumpur forward warehouse', 'FORWARD', 'sea', 'sea-my', 3.14, 101.69, 40),
];

/** The demo network `npm start` shows: central, forward and store nodes in each region, with opening stock. */
export const DEMO_NETWORK: NetworkSeed = {
  zones: [
    { code: 'cn-east', region: 'cn', name: 'East China', lat: 30.9, lon: 121.0, isDefault: true },
    { code: 'cn-north', region: 'cn', name: 'North China', lat: 39.9, lon: 116.4 },
    { code: 'cn-south', region: 'cn', name: 'South China', lat: 22.8, lon: 113.9 },
    { code: 'de-east', region: 'de', name: 'Berlin-Brandenburg', lat: 52.5, lon: 13.4, isDefault: true },
    { code: 'de-south', region: 'de', name: 'Bavaria', lat: 48.1, lon: 11.6 },
    { code: 'sea-sg', region: 'sea', name: 'Singapore', lat: 1.35, lon: 103.82, isDefault: true },
    { code: 'sea-my', region: 'sea', name: 'Klang Valley', lat: 3.1, lon: 101.6 },
  ],
  nodes: NODES.map(({ perSku: _perSku, ...rest }) => rest),
  skus: SKUS,
  stock: NODES.flatMap((n) => SKUS.map((sku) => ({ sku: sku.sku, nodeId: n.id, onHand: n.perSku }))),
};
