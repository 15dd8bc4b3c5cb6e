// Demo order rules for `npm start`: a few rule sets across modules, drafted by a rules editor, approved by two
// approvers (four-eyes) and published to the regions, plus one draft waiting for review, all through the gateway.

const SETS = [
  {
    key: 'eu-cross-border-compliance',
    name: 'EU cross-border compliance',
    module: 'VALIDATION',
    scope: { region: 'de' },
    rules: [
      {
        key: 'battery-declaration',
        description: 'Lithium batteries crossing an EU border need a UN38.3 declaration (2025 rule).',
        condition: 'order.originCountry != order.destinationCountry && order.lines.exists(l, l.hazardous && l.category == "ELECTRONICS")',
        code: 'CROSS_BORDER_BATTERY_DECLARATION',
        message: 'Lithium batteries shipped across an EU border need a UN38.3 declaration; this order cannot be placed yet.',
      },
    ],
  },
  {
    key: 'double-11-campaign',
    name: 'Double 11 campaign',
    module: 'PRICING',
    scope: { region: 'cn' },
    rules: [
      {
        key: 'apparel-ten-percent',
        description: '10 % off apparel orders from 200 CNY.',
        condition: 'order.itemsTotal >= 20000 && order.lines.exists(l, l.category == "APPAREL")',
        value: 'order.itemsTotal / 10',
        message: 'Double 11: 10 % off apparel',
        priority: 1,
      },
      {
        key: 'big-basket',
        description: '30 CNY off from 500 CNY, after the percentage.',
        condition: 'order.itemsTotal >= 50000',
        value: '3000',
        message: 'Double 11: 30 CNY off from 500 CNY',
        priority: 2,
      },
    ],
  },
  {
    key: 'large-order-review',
    name: 'Review of large and first B2B orders',
    module: 'HOLD',
    scope: {},
    rules: [
      {
        key: 'large-order',
        description: 'Orders payable above 5,000 in the order currency wait for one approval.',
        condition: 'pricing.payableTotal > 500000',
        value: '1',
        message: 'Large order: review before fulfilment',
      },
      {
        key: 'new-b2b-account',
        description: "A new B2B account's orders above 1,000 need two approval levels.",
        condition: 'order.customerSegment == "new-b2b" && pricing.payableTotal > 100000',
        value: '2',
        message: 'New B2B account: two-level review',
      },
    ],
  },
  {
    key: 'presale-inventory-hold',
    name: 'Presale stock holds',
    module: 'INVENTORY_LOCK',
    scope: {},
    rules: [
      {
        key: 'promoted',
        description: 'Promoted orders keep stock two hours for the final payment.',
        condition: 'pricing.discountTotal > 0',
        value: '120',
        message: 'Presale hold',
      },
      { key: 'default', description: 'Everything else: 30 minutes.', condition: 'true', value: '30', message: 'Standard hold', priority: 9 },
    ],
  },
  {
    key: 'b2b-invoices',
    name: 'B2B invoices',
    module: 'INVOICE',
    scope: { customerSegment: 'b2b' },
    rules: [
      {
        key: 'reverse-charge',
        description: 'Cross-border B2B within the EU: reverse-charge invoice.',
        condition: 'order.originCountry != order.destinationCountry',
        value: '"eu-reverse-charge"',
        message: 'Reverse-charge invoice',
      },
    ],
  },
];

const VERSION = 'version { id revision status }';
const step = (name, input) => `mutation($input: ${input}!) { ${name}(input: $input) { ${VERSION} userErrors { code field message } } }`;

export async function seedDemo(context) {
  const editor = await context.token({ subject: 'seed-rules-editor', role: 'rules_editor', regions: [] });
  const approvers = [
    await context.token({ subject: 'seed-rules-approver-1', role: 'rules_approver', regions: [] }),
    await context.token({ subject: 'seed-rules-approver-2', role: 'rules_approver', regions: [] }),
  ];
  const existing = await context.graphql(editor, '{ ruleSets(first: 1) { nodes { key } } }');
  if (existing.ruleSets.nodes.length > 0) return;
  const must = (payload, what) => {
    if (payload.userErrors.length > 0) throw new Error(`seeding order rules failed at ${what}: ${JSON.stringify(payload.userErrors)}`);
    return payload;
  };
  const effectiveFrom = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  for (const set of SETS) {
    must(
      (
        await context.graphql(
          editor,
          'mutation($input: CreateRuleSetInput!) { ruleSetCreate(input: $input) { ruleSet { key } userErrors { code field message } } }',
          { input: { key: set.key, name: set.name, module: set.module, scope: set.scope } },
        )
      ).ruleSetCreate,
      set.key,
    );
    let { version } = must(
      (
        await context.graphql(
          editor,
          `mutation($input: DraftRuleVersionInput!) { ruleVersionDraft(input: $input) { ${VERSION} userErrors { code field message } } }`,
          { input: { ruleSetKey: set.key, effectiveFrom, rules: set.rules } },
        )
      ).ruleVersionDraft,
      `${set.key} draft`,
    );
    ({ version } = must(
      (
        await context.graphql(editor, step('ruleVersionSubmit', 'RuleVersionStepInput'), {
          input: { versionId: version.id, expectedRevision: version.revision },
        })
      ).ruleVersionSubmit,
      `${set.key} submit`,
    ));
    for (const approver of approvers) {
      if (version.status !== 'IN_REVIEW') break;
      ({ version } = must(
        (
          await context.graphql(approver, step('ruleVersionApprove', 'RuleVersionStepInput'), {
            input: { versionId: version.id, expectedRevision: version.revision },
          })
        ).ruleVersionApprove,
        `${set.key} approve`,
      ));
    }
    must(
      (
        await context.graphql(approvers[0], step('ruleVersionActivate', 'ActivateRuleVersionInput'), {
          input: { versionId: version.id, expectedRevision: version.revision },
        })
      ).ruleVersionActivate,
      `${set.key} activate`,
    );
  }
  // A change waiting for review, so the console shows the lifecycle.
  const { version } = must(
    (
      await context.graphql(
        editor,
        `mutation($input: DraftRuleVersionInput!) { ruleVersionDraft(input: $input) { ${VERSION} userErrors { code field message } } }`,
        {
          input: {
            ruleSetKey: 'double-11-campaign',
            effectiveFrom: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
            note: 'Raise the basket discount for the final weekend.',
            rules: [...SETS[1].rules.slice(0, 1), { ...SETS[1].rules[1], value: '5000', message: 'Double 11: 50 CNY off from 500 CNY' }],
          },
        },
      )
    ).ruleVersionDraft,
    'pending draft',
  );
  must(
    (await context.graphql(editor, step('ruleVersionSubmit', 'RuleVersionStepInput'), { input: { versionId: version.id, expectedRevision: version.revision } }))
      .ruleVersionSubmit,
    'pending submit',
  );
  context.log(`seeded ${SETS.length} order rule sets (published after two approvals) and one version in review`);
}
