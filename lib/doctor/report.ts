import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Check, FileChange, FileEdit } from './check.js';

/** The report: one line per check; a WARN or FAIL ends with its fix. */
export function formatReport(checks: readonly Check[]): string {
  return checks.map(found => `${found.status.toUpperCase().padEnd(4)} ${found.message}${found.fix ? ` -- fix: ${found.fix}` : ''}`).join('\n');
}

/** The checks as --json prints them (docs/doctor.md has the schema): id, status, message, fix and change. */
export function checksAsJson(checks: readonly Check[]): string {
  return JSON.stringify(checks, null, 2);
}

/**
 * The changes --fix applies: those of the failed checks, a file to create only while it is
 * still missing, and the edits of one file together, in the order of the checks.
 */
export function fixChanges(folder: string, checks: readonly Check[]): FileChange[] {
  const changes: FileChange[] = [];
  for (const change of checks.filter(found => found.status === 'fail' && found.change !== undefined).map(found => found.change!)) {
    if (change.kind === 'create') {
      if (!existsSync(path.join(folder, change.path))) changes.push(change);
      continue;
    }
    const index = changes.findIndex((earlier): earlier is FileEdit => earlier.kind === 'update' && earlier.path === change.path);
    if (index < 0) changes.push(change);
    else changes[index] = { ...change, edits: [...(changes[index] as FileEdit).edits, ...change.edits] };
  }
  return changes;
}
