// Reports the production bundle's size and fails the build when it passes the budget: what a person's
// browser downloads before the first view (index.html, its entry script and CSS), and everything else.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budgets in gzip kB: the first view must load fast on a phone; the map and heatmap come on demand. */
const BUDGET = { initialGzipKb: 160, totalGzipKb: 450 };

const publicDir = new URL('../dist/public/', import.meta.url).pathname;
const files = readdirSync(join(publicDir, 'assets')).map((name) => join('assets', name));
const gz = (file) => gzipSync(readFileSync(join(publicDir, file))).length / 1024;
const html = readFileSync(join(publicDir, 'index.html'), 'utf8');
const initial = ['index.html', ...files.filter((file) => html.includes(file) && /\.(js|css)$/.test(file))];
const initialKb = initial.reduce((sum, file) => sum + gz(file), 0);
const totalKb = ['index.html', ...files].reduce((sum, file) => sum + gz(file), 0);
const rawKb = files.reduce((sum, file) => sum + statSync(join(publicDir, file)).size / 1024, 0);
console.log(
  `console bundle: first view ${initialKb.toFixed(1)} kB gzip (budget ${BUDGET.initialGzipKb}), all assets ${totalKb.toFixed(1)} kB gzip / ${rawKb.toFixed(0)} kB raw (budget ${BUDGET.totalGzipKb} gzip)`,
);
for (const file of files.sort((a, b) => gz(b) - gz(a))) console.log(`  ${file.padEnd(48)} ${gz(file).toFixed(1).padStart(7)} kB gzip`);
if (initialKb > BUDGET.initialGzipKb || totalKb > BUDGET.totalGzipKb) {
  console.error('console bundle is over its size budget');
  process.exit(1);
}
