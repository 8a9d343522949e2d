import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

/** A write that failed with nothing changed: one line naming the file and the cause. */
export class WriteError extends Error {
  constructor(readonly file: string, readonly code: string | undefined, cause: string) {
    super(`${file} was not written (${cause}); it is as it was.`);
    this.name = 'WriteError';
  }
}

/**
 * Writes `contents` to `file` so that, whatever happens (an interrupt, a full disk, a crash),
 * the file is either as it was or as it will be: the text goes to a temporary file in the same
 * folder, flushed to disk when it replaces a file, then renamed over the file in one step. The
 * file keeps its mode.
 */
export function writeFileAtomic(file: string, contents: string | Uint8Array, mode?: number): void {
  const folder = path.dirname(file);
  mkdirSync(folder, { recursive: true });
  const existingMode = statSync(file, { throwIfNoEntry: false })?.mode;
  const temporary = path.join(folder, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  // Synchronous from here to the rename: no exit or signal handler runs in between.
  try {
    const descriptor = openSync(temporary, 'wx', (mode ?? existingMode ?? 0o666) & 0o777);
    try {
      const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents;
      for (let written = 0; written < bytes.length; ) written += writeSync(descriptor, bytes, written, bytes.length - written);
      // On disk before it replaces a file: a crash then leaves the old text or the new, never an
      // empty file. A new file replaces nothing, so nothing can be lost by not waiting for it.
      if (existingMode !== undefined) fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const cause = code === 'ENOSPC' ? 'the disk is full' : code ?? (error as Error).message;
    throw new WriteError(path.relative(process.cwd(), file) || file, code, cause);
  }
}
