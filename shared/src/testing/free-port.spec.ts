import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

it('never hands out a port twice while this process holds it, and names this process as its holder', async () => {
  // 400 draws from 10,000 ports repeat one 99.97 % of the time when nothing keeps them apart.
  const ports = [];
  for (let i = 0; i < 400; i += 1) ports.push(await freePort());
  expect(new Set(ports).size).toBe(ports.length);
  expect(readFileSync(join(tmpdir(), 'hub-test-ports', String(ports[0])), 'utf8')).toBe(String(process.pid));
});
