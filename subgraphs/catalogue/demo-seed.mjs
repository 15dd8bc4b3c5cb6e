// Demo catalogue for `npm start`: a few hundred SKUs across categories (fresh food, custom-made goods, newspapers,
// sealed software, reduced-VAT books, heavy and bulky items, hazardous goods) and price lists for every region,
// imported through the gateway as a catalogue manager would, with the bulk import.

/** Kinds of goods: category, CN return class, EU tax class, hazardous, weight range (g), size (mm), price range (minor units of a 100-based currency). */
const FAMILIES = [
  {
    prefix: 'FRESH',
    name: 'Fresh',
    items: ['salmon fillet', 'strawberries', 'lettuce', 'yoghurt', 'tofu', 'mango'],
    category: 'FRESH_FOOD',
    cn: 'FRESH_PERISHABLE',
    eu: 'REDUCED',
    weight: [200, 1500],
    size: [250, 180, 100],
    price: [299, 2499],
  },
  {
    prefix: 'CUSTOM',
    name: 'Made to order',
    items: ['engraved ring', 'tailored shirt', 'portrait print', 'name necklace'],
    category: 'CUSTOM_MADE_GOODS',
    cn: 'CUSTOM_MADE',
    eu: 'STANDARD',
    weight: [50, 900],
    size: [300, 200, 80],
    price: [2999, 19999],
  },
  {
    prefix: 'NEWS',
    name: 'Subscription',
    items: ['daily newspaper', 'weekly magazine', 'science monthly'],
    category: 'NEWSPAPERS_PERIODICALS',
    cn: 'NEWSPAPER_PERIODICAL',
    eu: 'ZERO',
    weight: [100, 400],
    size: [300, 230, 10],
    price: [150, 1200],
  },
  {
    prefix: 'SOFT',
    name: 'Boxed',
    items: ['office suite', 'photo editor', 'antivirus', 'strategy game'],
    category: 'SOFTWARE_MEDIA',
    cn: 'SEALED_MEDIA',
    eu: 'STANDARD',
    weight: [100, 300],
    size: [190, 135, 15],
    price: [1999, 14999],
  },
  {
    prefix: 'BOOK',
    name: 'Book',
    items: ['novel', 'cookbook', 'atlas', "children's picture book", 'poetry'],
    category: 'BOOKS',
    cn: 'RETURNABLE',
    eu: 'REDUCED',
    weight: [200, 1200],
    size: [240, 170, 30],
    price: [899, 4999],
  },
  {
    prefix: 'SOFA',
    name: 'Furniture',
    items: ['three-seat sofa', 'wardrobe', 'dining table', 'bed frame'],
    category: 'FURNITURE',
    cn: 'RETURNABLE',
    eu: 'STANDARD',
    weight: [32000, 90000],
    size: [2100, 900, 800],
    price: [29900, 129900],
  },
  {
    prefix: 'APPL',
    name: 'Appliance',
    items: ['fridge', 'washing machine', 'dishwasher'],
    category: 'LARGE_APPLIANCES',
    cn: 'RETURNABLE',
    eu: 'STANDARD',
    weight: [40000, 80000],
    size: [1850, 600, 650],
    price: [39900, 149900],
  },
  {
    prefix: 'TSH',
    name: 'Apparel',
    items: ['T-shirt', 'hoodie', 'jeans', 'dress'],
    category: 'APPAREL',
    cn: 'RETURNABLE',
    eu: 'STANDARD',
    weight: [150, 700],
    size: [300, 250, 30],
    price: [1499, 8999],
  },
  {
    prefix: 'ELEC',
    name: 'Electronics',
    items: ['headphones', 'smartwatch', 'e-reader', 'speaker'],
    category: 'ELECTRONICS',
    cn: 'ACTIVATION_OR_TRIAL_DEVALUES',
    eu: 'STANDARD',
    weight: [100, 1500],
    size: [250, 200, 100],
    price: [2999, 39999],
  },
  {
    prefix: 'BATT',
    name: 'Lithium',
    items: ['power bank', 'e-bike battery', 'drone battery'],
    category: 'ELECTRONICS',
    cn: 'RETURNABLE',
    eu: 'STANDARD',
    weight: [200, 3500],
    size: [200, 100, 60],
    price: [1999, 49999],
    hazardous: true,
  },
  {
    prefix: 'COSM',
    name: 'Cosmetics',
    items: ['face cream', 'lipstick', 'perfume', 'sunscreen'],
    category: 'COSMETICS',
    cn: 'UNSEALING_AFFECTS_SAFETY_OR_QUALITY',
    eu: 'STANDARD',
    weight: [50, 400],
    size: [120, 80, 60],
    price: [999, 12999],
  },
  {
    prefix: 'HOME',
    name: 'Home',
    items: ['ceramic bowl', 'bath towel', 'table lamp', 'kettle'],
    category: 'HOME',
    cn: 'RETURNABLE',
    eu: 'STANDARD',
    weight: [300, 2500],
    size: [350, 250, 200],
    price: [999, 7999],
  },
  {
    prefix: 'GROC',
    name: 'Pantry',
    items: ['green tea', 'olive oil', 'pasta', 'coffee beans'],
    category: 'GROCERY',
    cn: 'RETURNABLE',
    eu: 'REDUCED',
    weight: [250, 1000],
    size: [200, 100, 80],
    price: [399, 2999],
  },
];
const VARIANTS = 6;
/** The SKUs the demo orders use, at the prices they are placed with. */
const ORDER_SKUS = [
  { sku: 'TEA-LJ-250', name: 'Longjing green tea 250 g', unitPrice: 12800, category: 'GROCERY', eu: 'REDUCED', weight: 300 },
  { sku: 'MUG-CER-01', name: 'Ceramic mug', unitPrice: 2500, category: 'HOME', eu: 'STANDARD', weight: 400 },
  { sku: 'HDP-BT-200', name: 'Bluetooth headphones', unitPrice: 39900, category: 'ELECTRONICS', eu: 'STANDARD', weight: 350 },
  { sku: 'TSH-ORG-M', name: 'Organic T-shirt M', unitPrice: 1999, category: 'APPAREL', eu: 'STANDARD', weight: 180 },
];
/** Region, currency and how many minor units a 100-based price is worth there (rupiah and dong have no minor unit in use). */
const SCOPES = [
  { region: 'cn', currency: 'CNY', factor: 7 },
  { region: 'de', currency: 'EUR', factor: 1 },
  { region: 'sea', currency: 'THB', factor: 35 },
  { region: 'sea', currency: 'SGD', factor: 1.4 },
  { region: 'sea', currency: 'MYR', factor: 4.6 },
  { region: 'sea', currency: 'PHP', factor: 57 },
  { region: 'sea', currency: 'IDR', factor: 170 },
  { region: 'sea', currency: 'VND', factor: 260 },
];
const CHANNELS = ['WEB', 'MOBILE_APP', 'MINI_PROGRAM'];

function random(seed) {
  let state = seed;
  return () => (state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
}

export function demoProducts() {
  const next = random(20261202);
  const between = ([low, high]) => Math.round(low + next() * (high - low));
  const rows = FAMILIES.flatMap((family) =>
    family.items.flatMap((item, i) =>
      Array.from({ length: VARIANTS }, (_, v) => ({
        sku: `${family.prefix}-${String(i + 1).padStart(2, '0')}-${v + 1}`,
        name_en: `${family.name} ${item} #${v + 1}`,
        category: family.category,
        cn_return_class: family.cn,
        eu_tax_class: family.eu,
        hazardous: family.hazardous === true,
        weight_grams: between(family.weight),
        length_mm: family.size[0],
        width_mm: family.size[1],
        height_mm: family.size[2],
        status: v === VARIANTS - 1 && i === 0 ? 'RETIRED' : 'ACTIVE',
        price: between(family.price),
      })),
    ),
  );
  for (const order of ORDER_SKUS) {
    rows.push({
      sku: order.sku,
      name_en: order.name,
      category: order.category,
      cn_return_class: 'RETURNABLE',
      eu_tax_class: order.eu,
      hazardous: false,
      weight_grams: order.weight,
      length_mm: 200,
      width_mm: 150,
      height_mm: 100,
      status: 'ACTIVE',
      price: order.unitPrice,
      fixedPrice: true,
    });
  }
  return rows;
}

const toCsv = (rows, columns) => [columns.join(','), ...rows.map((row) => columns.map((column) => String(row[column])).join(','))].join('\n');

/** The catalogue's `hub.seed`: runs in the domain wave, before the regions place their demo orders. */
export async function seedDemo(context) {
  const call = (_url, token, query, variables) => context.graphql(token, query, variables);
  const gatewayUrl = context.gatewayUrl;
  const manager = await context.token({ subject: 'seed-catalogue-manager', role: 'catalogue_manager', regions: [] });
  const existing = await call(gatewayUrl, manager, '{ products(first: 1) { nodes { sku } } }');
  if (existing.products.nodes.length > 0) return;
  const products = demoProducts();
  const columns = [
    'sku',
    'name_en',
    'category',
    'cn_return_class',
    'eu_tax_class',
    'hazardous',
    'weight_grams',
    'length_mm',
    'width_mm',
    'height_mm',
    'status',
  ];
  await importAndWait(call, gatewayUrl, manager, { kind: 'PRODUCTS', format: 'CSV', content: toCsv(products, columns) });
  for (const { region, currency, factor } of SCOPES) {
    for (const channel of CHANNELS) {
      const id = `${region}-${channel.toLowerCase().replaceAll('_', '-')}-${currency.toLowerCase()}`;
      const scale = (amount) => Math.max(1, Math.round(amount * factor));
      const created = await call(
        gatewayUrl,
        manager,
        'mutation($input: CreatePriceListInput!) { priceListCreate(input: $input) { userErrors { code field message } } }',
        {
          input: {
            id,
            region,
            channel,
            currency,
            validFrom: '2026-01-01T00:00:00Z',
            shipping: { baseFee: scale(495), perKgFee: scale(100), bulkySurcharge: scale(4900), freeFrom: scale(5000) },
          },
        },
      );
      if (created.priceListCreate.userErrors.length > 0) throw new Error(`seeding the catalogue failed: ${JSON.stringify(created.priceListCreate.userErrors)}`);
      const prices = products.map((p) => ({ sku: p.sku, unitPrice: p.fixedPrice ? p.price : scale(p.price) }));
      await importAndWait(call, gatewayUrl, manager, { kind: 'PRICES', format: 'JSON', priceListId: id, content: JSON.stringify(prices) });
    }
  }
  context.log(`seeded a demo catalogue of ${products.length} SKUs and ${SCOPES.length * CHANNELS.length} price lists`);
}

async function importAndWait(call, gatewayUrl, token, input) {
  const { catalogueImportStart: started } = await call(
    gatewayUrl,
    token,
    'mutation($input: ImportCatalogueInput!) { catalogueImportStart(input: $input) { import { id } userErrors { code field message } } }',
    { input },
  );
  if (started.userErrors.length > 0) throw new Error(`catalogue import refused: ${JSON.stringify(started.userErrors)}`);
  for (;;) {
    const { catalogueImport } = await call(gatewayUrl, token, 'query($id: ID!) { catalogueImport(id: $id) { status problems { row code field message } } }', {
      id: started.import.id,
    });
    if (catalogueImport.status === 'APPLIED') return;
    if (catalogueImport.status !== 'RUNNING')
      throw new Error(`catalogue import ${catalogueImport.status}: ${JSON.stringify(catalogueImport.problems.slice(0, 5))}`);
    // The import runs in the catalogue service; its record is the only signal the seed can read.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
