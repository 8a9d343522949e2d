import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Check, FileChange } from './check.js';

/** The report: one line per check; a WARN or FAIL ends with its fix. */
export function formatReport(checks: readonly Check[]): string {
  return checks.map(found => `${found.status.toUpperCase().padEnd(4)} ${found.message}${found.fix ? ` -- fix: ${found.fix}` : ''}`).join('\n');
}

/** The checks as --json prints them: id, status, message and fix (the changes are --fix's). */
export function checksAsJson(checks: readonly Check[]): string {
  return JSON.stringify(checks.map(({ change: _change, ...printed }) => printed), null, 2);
}

/** The changes --fix applies: those of the failed checks, for files that are still missing. */
export function fixChanges(folder: string, checks: readonly Check[]): FileChange[] {
  return checks
    .filter(found => found.status === 'fail' && found.change !== undefined)
    .map(found => found.change!)
    .filter(change => !existsSync(path.join(folder, change.path)));
}
