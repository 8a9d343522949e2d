import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { binEnvironment, binPath, temporaryFolder } from '../helpers.js';

/** A site whose web.config is a user's large one (about 3 MB of app settings): merging into it takes a while. */
function largeSite(): string {
  const folder = temporaryFolder('interrupt-');
  const settings = Array.from({ length: 30_000 }, (_, index) => `    <add key="SETTING_${index}" value="${'v'.repeat(60)}" />`).join('\n');
  writeFileSync(path.join(folder, 'web.config'), `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n${settings}\n  </appSettings>\n</configuration>\n`);
  return folder;
}

function files(folder: string): Record<string, Buffer> {
  return Object.fromEntries(readdirSync(folder, { recursive: true, withFileTypes: true }).filter(entry => entry.isFile()).map(entry => {
    const full = path.join(entry.parentPath, entry.name);
    return [path.relative(folder, full), readFileSync(full)];
  }));
}

/** Runs the bin in `folder` and sends `signal` after `delay` ms; resolves when it has ended. */
function runAndInterrupt(folder: string, signal: NodeJS.Signals, delay: number): Promise<void> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [binPath, 'webconfig', '--yes', '--python', '3.4'], { cwd: folder, env: binEnvironment(), stdio: 'ignore' });
    const timer = setTimeout(() => child.kill(signal), delay);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('interrupted runs: every file is whole, as it was or as it will be', function () {
  this.timeout(600_000);

  it('SIGINT and SIGTERM at many points of a run over a large web.config', async () => {
    const original = largeSite();
    const before = files(original);
    // The run as it ends when nothing interrupts it, and how long it takes.
    const complete = temporaryFolder('complete-');
    cpSync(original, complete, { recursive: true });
    const started = Date.now();
    const result = spawnSync(process.execPath, [binPath, 'webconfig', '--yes', '--python', '3.4'], { cwd: complete, env: binEnvironment(), encoding: 'utf8' });
    const duration = Date.now() - started;
    assert.equal(result.status, 0, result.stderr);
    const after = files(complete);
    assert.notDeepEqual(after['web.config'], before['web.config']);

    let interruptedMidway = 0;
    for (const fraction of [0.2, 0.4, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0, 1.1]) {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        const folder = temporaryFolder('interrupted-');
        cpSync(original, folder, { recursive: true });
        await runAndInterrupt(folder, signal, Math.round(duration * fraction));
        const now = files(folder);
        for (const [file, contents] of Object.entries(now)) {
          const whole = (before[file] !== undefined && contents.equals(before[file])) || (after[file] !== undefined && contents.equals(after[file]));
          assert.ok(whole, `${signal} at ${Math.round(fraction * 100)}%: ${file} is whole (as it was, or as it will be)`);
        }
        assert.deepEqual(Object.keys(now).filter(file => file.endsWith('.tmp')), [], 'no temporary file is left');
        if (Object.keys(now).length !== Object.keys(before).length && Object.keys(now).length !== Object.keys(after).length) interruptedMidway++;
      }
    }
    // Said, not asserted: how many interrupts fell between two files of the commit.
    console.log(`      (${interruptedMidway} of 20 interrupts left some files written and others not yet)`);
  });
});
