import { rmSync } from 'node:fs';
import { Transform } from 'node:stream';
import { createConflicterTransform, createYoResolveTransform, forceYoFiles } from '@yeoman/conflicter';
import { clearFileState, isFileNew, isFilePending, isFileStateDeleted, isFileStateModified, setCommittedFile } from 'mem-fs-editor/state';
import { releaseSiteLocks } from '../lock.js';
import { writeFileAtomic } from '../write.js';

interface CommitEnvironment {
  readonly adapter: unknown;
  readonly conflicterOptions?: unknown;
  readonly sharedFs: { pipeline: (options: object, ...transforms: Transform[]) => Promise<void> };
}

type MemFsFile = Parameters<typeof isFileStateModified>[0];

/**
 * Yeoman's commit of the in-memory files, the same steps as its own (.yo-resolve, the
 * conflicter's questions) but ending in the package's write layer: each file is written
 * atomically, so an interrupt or a full disk never leaves one cut short.
 */
export async function commitAtomically(environment: CommitEnvironment): Promise<void> {
  // Ctrl-C or SIGTERM while files are written: the file being written is finished (it is
  // renamed whole, or not at all), no other is started, then the process ends by that signal.
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted ??= signal;
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    await commitFiles(environment, () => interrupted);
  } finally {
    // Written: the site is no longer this run's (its lock was taken when the answers were kept).
    releaseSiteLocks();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    if (interrupted) process.kill(process.pid, interrupted);
  }
}

async function commitFiles(environment: CommitEnvironment, interrupted: () => NodeJS.Signals | undefined): Promise<void> {
  await environment.sharedFs.pipeline(
    { filter: (file: MemFsFile) => isFilePending(file) || file.path.endsWith('.yo-resolve') },
    createYoResolveTransform() as unknown as Transform,
    forceYoFiles() as unknown as Transform,
    createConflicterTransform(environment.adapter as never, environment.conflicterOptions as never) as unknown as Transform,
    new Transform({
      objectMode: true,
      transform(file: MemFsFile, _encoding, done) {
        // One file a turn of the event loop, so that a signal is seen between two files.
        setImmediate(() => writeOne(file, interrupted(), done));
      },
    }),
  );
}

function writeOne(file: MemFsFile, interrupted: NodeJS.Signals | undefined, done: (error?: Error | null, file?: MemFsFile) => void): void {
  if (interrupted) {
    done(new Error(`Interrupted (${interrupted}): ${file.path} and the files after it were not written.`));
    return;
  }
  try {
    if (isFileStateModified(file)) {
      setCommittedFile(file);
      writeFileAtomic(file.path, file.contents ?? '', file.stat?.mode ?? undefined);
    } else if (isFileStateDeleted(file) && !isFileNew(file)) {
      setCommittedFile(file);
      rmSync(file.path, { recursive: true });
    }
    clearFileState(file);
    done(null, file);
  } catch (error) {
    done(error as Error);
  }
}
