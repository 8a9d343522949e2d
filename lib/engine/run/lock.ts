import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The file that says a run is writing the site: created exclusively, removed when the run ends. */
export const lockFileName = '.generator-azure-python.lock';

const held = new Set<string>();
process.on('exit', () => releaseSiteLocks());

// Ctrl-C or SIGTERM while a lock is held: the lock goes, then the process ends by that signal
// (a signal ends Node without its exit event). Writes are synchronous: a file being written is
// finished before this runs.
const onSignal = (signal: NodeJS.Signals) => {
  releaseSiteLocks();
  process.kill(process.pid, signal);
};

/** Whether process `pid` is still running: one that cannot be signalled because another user owns it is. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the site's lock for this process, so that two runs never write one site at once (the
 * second would leave a mixed site). A lock left by a process that is gone is taken over; one
 * this process holds already is kept. Throws one line when another run holds it. Released when
 * the process exits, or by `releaseSiteLocks`.
 */
export function takeSiteLock(site: string): void {
  const file = path.join(site, lockFileName);
  if (held.has(file)) return;
  mkdirSync(site, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${JSON.stringify({ pid: process.pid, started: new Date().toISOString() })}\n`, { flag: 'wx' });
      if (held.size === 0) process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
      held.add(file);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let pid: number | undefined;
    try {
      pid = (JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid as number | undefined;
    } catch {
      pid = undefined;
    }
    if (typeof pid === 'number' && pid !== process.pid && isAlive(pid)) {
      throw new Error(`Another run (process ${pid}) is writing ${site}: wait until it ends. If no run is, delete ${lockFileName} there.`);
    }
    // Left by a run that is gone (or unreadable): taken over.
    rmSync(file, { force: true });
  }
  throw new Error(`${path.join(site, lockFileName)} could not be taken: another run is starting in ${site}.`);
}

/** Releases every site lock this process holds: its run has ended. */
export function releaseSiteLocks(): void {
  for (const file of held) rmSync(file, { force: true });
  held.clear();
  process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
}
