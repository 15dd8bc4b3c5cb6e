import { createHash } from 'node:crypto';

/** "0.1.0+3f2a9c1b": the package version plus a fingerprint of the SDL, so any schema edit is a new version. */
export function schemaVersion(packageVersion: string, sdl: string): string {
  return `${packageVersion}+${createHash('sha256').update(sdl).digest('hex').slice(0, 8)}`;
}

/** The version in the package.json next to a service's compiled `dist/` folder. */
export async function packageVersionBeside(distFileUrl: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(await readFile(new URL('../package.json', distFileUrl), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}
