// CPU time of the hub's service processes, read from their own counters (/proc/<pid>/stat: utime + stime).
// CPU milliseconds per operation stay comparable across runs on a shared machine, where operations per second
// swing with whatever else the cores are doing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { SERVICE_BUNDLE } from '@hub/shared/workspace/hub-workspaces';

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The hub's services among this process's children (those running their SERVICE_BUNDLE), as name → pid. */
export function serviceProcesses(services) {
  const names = Object.fromEntries(Object.entries(services).map(([name, dir]) => [dir, name]));
  const found = new Map();
  let entries;
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return found;
  }
  for (const pid of entries) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(SERVICE_BUNDLE)) continue;
      const dir = Object.keys(names).find((d) => readlinkSync(`/proc/${pid}/cwd`).endsWith(d));
      if (dir) found.set(names[dir], Number(pid));
    } catch {
      /* the process went away */
    }
  }
  return found;
}

/** Resident memory of each service in MiB (VmRSS), by name. */
export function rssOf(processes) {
  const rss = new Map();
  for (const [name, pid] of processes) {
    try {
      rss.set(name, Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024);
    } catch {
      /* the process went away */
    }
  }
  return rss;
}

/**
 * The PostgreSQL server processes serving `client`'s database, `client`'s own excepted (one per connection the hub's
 * pools hold), as `postgresql:<service>:<pid>` → pid for `cpuSnapshot`: what the hub's statements cost the server,
 * by the service whose connection ran them (each names itself in `application_name`). None when the server runs on
 * another machine (its processes are not in this /proc).
 */
export async function databaseBackends(client) {
  const { rows } = await client.query(`select pid, application_name from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
  return new Map(
    rows.filter((row) => existsSync(`/proc/${row.pid}/stat`)).map((row) => [`${POSTGRESQL}:${row.application_name || 'unnamed'}:${row.pid}`, row.pid]),
  );
}

export const POSTGRESQL = 'postgresql';

/**
 * Per-process figures with the database backends' summed into one `postgresql` entry and one `postgresql:<service>`
 * entry per service. Each backend is measured on its own: one a pool opened during a measurement counts from its
 * start, one it closed is left out (pools under load keep their connections).
 */
export function withBackendsSummed(perProcess) {
  const summed = new Map();
  const add = (name, value) => summed.set(name, (summed.get(name) ?? 0) + value);
  for (const [name, value] of perProcess) {
    if (!name.startsWith(`${POSTGRESQL}:`)) summed.set(name, value);
    else {
      add(POSTGRESQL, value);
      add(name.slice(0, name.lastIndexOf(':')), value);
    }
  }
  return summed;
}

/** User + system CPU milliseconds each process has used so far. */
export function cpuSnapshot(processes) {
  const snapshot = new Map();
  for (const [name, pid] of processes) {
    try {
      // The command name (field 2) may hold spaces, so count fields after its closing parenthesis.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      snapshot.set(name, ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
    } catch {
      /* the process went away */
    }
  }
  return snapshot;
}

/** CPU milliseconds per operation for each service between two snapshots. */
export function cpuPerOperation(before, after, operations) {
  return new Map([...after].map(([name, ms]) => [name, operations > 0 ? (ms - (before.get(name) ?? 0)) / operations : NaN]));
}
