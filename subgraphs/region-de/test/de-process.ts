import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freePort } from '@hub/shared/testing/free-port';
import { SERVICE_BUNDLE } from '@hub/shared/workspace/hub-workspaces';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Newest modification time of the sources that end up in dist/. */
function newestSourceMtime(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return newestSourceMtime(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? statSync(path).mtimeMs : 0;
    }),
  );
}

export interface DeProcess {
  url: string;
  /** Every line the process wrote to stdout and stderr: its pino log. */
  output: string[];
  stop(): Promise<void>;
}

/**
 * Runs region-de as the real process (its SERVICE_BUNDLE), so a test sees exactly what production would log.
 * Refuses a build older than the sources, which would test yesterday's code.
 */
export async function startDeProcess(env: Record<string, string>): Promise<DeProcess> {
  const main = join(packageDir, SERVICE_BUNDLE);
  if ((statSync(main, { throwIfNoEntry: false })?.mtimeMs ?? 0) < newestSourceMtime(join(packageDir, 'src'))) {
    throw new Error('subgraphs/region-de/dist is older than src: run `npm run build` in subgraphs/region-de first');
  }
  const port = await freePort();
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: packageDir,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      if (line.includes(' listening"')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`region-de exited with ${code}: ${output.slice(-20).join('\n')}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
