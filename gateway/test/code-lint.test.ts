import { join } from 'node:path';
import { ESLint } from 'eslint';
import { repositoryRoot } from '@hub/shared/workspace/hub-workspaces';

/**
 * The code lint's layering rules fire: each snippet is linted as if it were the file named, with the repository's
 * own eslint.config.mjs, so a rule that stopped matching (a moved folder, a changed glob) fails here.
 */
const eslint = new ESLint({ cwd: repositoryRoot });
const longLine = `export const list = [${Array.from({ length: 40 }, (_, index) => index).join(', ')}];\n`;

const problems = async (file: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath: join(repositoryRoot, file) });
  return result!.messages.map((message) => `${message.ruleId}: ${message.message.split(':')[0]}`);
};

it.each([
  [
    "a region's rules importing the ORM",
    'subgraphs/region-de/src/rules/x.rules.ts',
    `import { EntityManager } from '@mikro-orm/core';\nexport type X = EntityManager;\n`,
  ],
  ['a domain rule importing type-graphql', 'subgraphs/core-orders/src/orders/domain/x.ts', `import { Field } from 'type-graphql';\nexport const x = Field;\n`],
  ['shared rules importing graphql', 'shared/src/region/x.rules.ts', `import { GraphQLError } from 'graphql';\nexport const x = GraphQLError;\n`],
  [
    'a domain rule importing NATS',
    'subgraphs/tracking/src/events/domain/x.ts',
    `import { connect } from '@nats-io/transport-node';\nexport const x = connect;\n`,
  ],
  [
    'a domain rule importing Apollo',
    'subgraphs/fulfilment/src/forecast/domain/x.ts',
    `import { ApolloServer } from '@apollo/server';\nexport const x = ApolloServer;\n`,
  ],
])('refuses %s', async (_case, file, code) => {
  expect(await problems(file, code)).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
});

it.each([
  ['by package name', `import { cnRegion } from '@hub/region-cn/region';\nexport const x = cnRegion;\n`],
  ['by a relative path', `import { cnRegion } from '../../region-cn/src/region.js';\nexport const x = cnRegion;\n`],
])('refuses a region importing another region %s', async (_case, code) => {
  expect(await problems('subgraphs/region-de/src/x.ts', code)).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
});

it("refuses a region's rules importing both another region and the ORM", async () => {
  const code = `import { cnRegion } from '@hub/region-cn/region';\nimport { wrap } from '@mikro-orm/core';\nexport const x = [cnRegion, wrap];\n`;
  expect(await problems('subgraphs/region-de/src/rules/x.rules.ts', code)).toHaveLength(2);
});

it.each([
  ['the ORM outside rules', 'subgraphs/region-de/src/orders/x.ts', `import { wrap } from '@mikro-orm/core';\nexport const x = wrap;\n`],
  [
    'shared code from a region',
    'subgraphs/region-de/src/rules/x.rules.ts',
    `import { calculateTotals } from '@hub/shared/money/order-totals';\nexport const x = calculateTotals;\n`,
  ],
  ["a region's own files", 'subgraphs/region-de/src/rules/x.rules.ts', `import { x as y } from './y.rules.js';\nexport const x = y;\n`],
  [
    "core from a region's test",
    'subgraphs/region-de/test/x.test.ts',
    `import { createCoreApp } from '@hub/core-orders/app';\nexport const x = createCoreApp;\n`,
  ],
])('allows %s', async (_case, file, code) => {
  expect(await problems(file, code)).toEqual([]);
});

it('refuses a line over 160 characters', async () => {
  expect(longLine.length).toBeGreaterThan(161);
  expect(await problems('shared/src/x.ts', longLine)).toEqual([expect.stringMatching(/^max-len: /)]);
});
