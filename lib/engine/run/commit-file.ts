import { existsSync, readFileSync, rmSync } from 'node:fs';
import { releaseSiteLocks } from './lock.js';
import { writeFileAtomic } from './write.js';
import { interruptedCommit, statusLine, writing, type FileStatus } from './output.js';

/** A file of the run's store that the commit puts on disk (or removes), whichever engine holds it. */
export interface PendingFile {
  readonly path: string;
  /** The path the status line names: relative to the working folder. */
  readonly relativePath: string;
  readonly change: 'write' | 'delete';
  readonly contents: string | Uint8Array;
  readonly mode?: number;
  /** An update that only adds to what the file held: its status line says `append`. */
  readonly appendOnly: boolean;
}

/**
 * What the conflict check decided for a file: written (`create`, `force`: an update needing no
 * question, or a conflict the user let overwrite), or left as it is (`identical`, `skip`).
 */
export type CommitDecision = 'create' | 'force' | 'identical' | 'skip';

/**
 * Puts one file on disk, the one way every engine does: atomically (whole, or not at all),
 * recorded in `writing.written`, and said in one status line. A file whose bytes on disk are
 * already the ones to write is `identical` and not rewritten, even under --force.
 */
export function commitFile(file: PendingFile, decision: CommitDecision | undefined, say: (line: string) => void): void {
  const status = statusOf(file, decision);
  if (status === 'create' || status === 'update' || status === 'append') {
    writeFileAtomic(file.path, file.contents, file.mode);
    writing.written.push(file.path);
  } else if (status === 'remove') {
    rmSync(file.path, { recursive: true });
    writing.written.push(file.path);
  }
  if (status && !file.path.endsWith('.yo-resolve')) say(statusLine(status, file.relativePath));
}

/** A signal seen since the last file stops the commit before `file`: the file being written was finished (or not started). */
export function stopIfInterrupted(interrupted: NodeJS.Signals | undefined, file: string): void {
  if (interrupted) {
    throw Object.assign(new Error(`Interrupted (${interrupted}): ${file} and the files after it were not written.`), { name: interruptedCommit, signal: interrupted });
  }
}

function statusOf(file: PendingFile, decision: CommitDecision | undefined): FileStatus | undefined {
  if (decision === 'skip' || decision === 'identical') return decision;
  if (file.change === 'delete') return existsSync(file.path) ? 'remove' : undefined;
  if (!existsSync(file.path)) return 'create';
  if (sameBytes(readFileSync(file.path), file.contents)) return 'identical';
  return file.appendOnly ? 'append' : 'update';
}

function sameBytes(onDisk: Buffer, contents: string | Uint8Array): boolean {
  return onDisk.equals(typeof contents === 'string' ? Buffer.from(contents) : contents);
}

/**
 * Runs a commit with Ctrl-C and SIGTERM held: the file being written is finished (it is renamed
 * whole, or not at all), no other is started (`interrupted` says a signal came), then the
 * process ends by that signal. The site's lock is released once the commit is over.
 */
export async function holdingSignals(commit: (interrupted: () => NodeJS.Signals | undefined) => Promise<void>): Promise<void> {
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted ??= signal;
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  // What a stopped run names is what its own commit wrote (a process generating many sites keeps no list of them all).
  writing.written.length = 0;
  writing.active = true;
  try {
    await commit(() => interrupted);
  } finally {
    // Written: the site is no longer this run's (its lock was taken when the answers were kept).
    releaseSiteLocks();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    writing.active = false;
    if (interrupted) process.kill(process.pid, interrupted);
  }
}
