import { Transform } from 'node:stream';
import { createConflicterTransform, createYoResolveTransform, forceYoFiles } from '@yeoman/conflicter';
import { clearFileState, isFileNew, isFilePending, isFileStateDeleted, isFileStateModified, setCommittedFile } from 'mem-fs-editor/state';
import { releaseSiteLocks } from '../run/lock.js';
import { commitFile, holdingSignals, stopIfInterrupted, type CommitDecision, type PendingFile } from '../run/commit-file.js';
import { ownsProcess, stoppedRun } from '../run/output.js';
import { appendOnly } from '../run/site-run.js';

interface Logger {
  (message?: string): unknown;
  write: (text: string) => unknown;
  [status: string]: unknown;
}

interface Adapter {
  readonly log: Logger;
  readonly queue?: (task: (adapter: Adapter) => Promise<unknown>) => Promise<unknown>;
}

interface CommitEnvironment {
  readonly adapter: Adapter;
  readonly conflicterOptions?: unknown;
  readonly sharedFs: { pipeline: (options: object, ...transforms: Transform[]) => Promise<void> };
}

type MemFsFile = Parameters<typeof isFileStateModified>[0] & { relativePath?: string; [appendOnly]?: boolean };

/** Ends a run that owns its process (yo's) with the one line and exit code of stoppedRun. */
export function exitStopped(error: unknown): never {
  releaseSiteLocks();
  const { line, exitCode } = stoppedRun(error);
  process.stderr.write(`${line}\n`);
  process.exit(exitCode);
}

// The conflicter's words for what it decided; the line itself is the package's (statusLine).
const conflicterStatuses = ['create', 'force', 'identical', 'skip'] as const;

/**
 * The adapter the conflicter asks through, with its per-file status lines recorded instead of
 * printed: the commit prints its own once the file is written. Its questions, diffs and
 * "conflict" lines are Yeoman's, as they are.
 */
function recordingAdapter(adapter: Adapter, decided: Map<string, string>): Adapter {
  const log = new Proxy(adapter.log, {
    get: (target, property) =>
      typeof property === 'string' && (conflicterStatuses as readonly string[]).includes(property)
        ? (file: string) => decided.set(file, property)
        : Reflect.get(target, property),
  });
  // A question queued through the adapter is asked through one that records the same way.
  const queue: Adapter['queue'] = adapter.queue && (task => adapter.queue!(inner => task(recordingAdapter(inner, decided))));
  return new Proxy(adapter, { get: (target, property) => (property === 'log' ? log : property === 'queue' ? queue : Reflect.get(target, property)) });
}

/**
 * Yeoman's commit of the in-memory files, the same steps as its own (.yo-resolve, the
 * conflicter's questions) but ending in the package's write layer: each file is written
 * atomically, so an interrupt or a full disk never leaves one cut short.
 */
export async function commitAtomically(environment: CommitEnvironment): Promise<void> {
  await holdingSignals(async interrupted => {
    try {
      await commitFiles(environment, interrupted);
    } catch (error) {
      // Under yo, a conflict question closed by Ctrl-C (or any failure of the commit) ends the run with the bin's line.
      if (ownsProcess() && !interrupted()) exitStopped(error);
      throw error;
    }
  });
}

async function commitFiles(environment: CommitEnvironment, interrupted: () => NodeJS.Signals | undefined): Promise<void> {
  const decided = new Map<string, string>();
  const say = (line: string) => environment.adapter.log.write(`${line}\n`);
  // The conflicter decides file by file out of order (a file it must read comes later): the
  // files are written, and said, in the order the run planned them, as the direct engine does.
  const order = new Map<MemFsFile, number>();
  const decidedFiles: MemFsFile[] = [];
  await environment.sharedFs.pipeline(
    { filter: (file: MemFsFile) => isFilePending(file) || file.path.endsWith('.yo-resolve') },
    new Transform({
      objectMode: true,
      transform(file: MemFsFile, _encoding, done) {
        order.set(file, order.size);
        done(null, file);
      },
    }),
    createYoResolveTransform() as unknown as Transform,
    forceYoFiles() as unknown as Transform,
    createConflicterTransform(recordingAdapter(environment.adapter, decided) as never, environment.conflicterOptions as never) as unknown as Transform,
    new Transform({
      objectMode: true,
      transform(file: MemFsFile, _encoding, done) {
        decidedFiles.push(file);
        done();
      },
      flush(done) {
        decidedFiles.sort((one, other) => (order.get(one) ?? 0) - (order.get(other) ?? 0));
        for (const file of decidedFiles) this.push(file);
        done();
      },
    }),
    new Transform({
      objectMode: true,
      transform(file: MemFsFile, _encoding, done) {
        // One file a turn of the event loop, so that a signal is seen between two files.
        setImmediate(() => writeOne(file, interrupted(), decided.get(file.relativePath ?? ''), say, done));
      },
    }),
  );
}

function writeOne(
  file: MemFsFile,
  interrupted: NodeJS.Signals | undefined,
  decision: string | undefined,
  say: (line: string) => void,
  done: (error?: Error | null, file?: MemFsFile) => void,
): void {
  try {
    stopIfInterrupted(interrupted, file.path);
    const modified = isFileStateModified(file);
    const deleted = !modified && isFileStateDeleted(file) && !isFileNew(file);
    // A file the conflicter let be (identical, or skipped) is no longer modified, but has its line.
    if (modified || deleted || decision === 'identical' || decision === 'skip') {
      const pending: PendingFile = {
        path: file.path,
        relativePath: file.relativePath ?? file.path,
        change: deleted ? 'delete' : 'write',
        contents: file.contents ?? '',
        mode: file.stat?.mode ?? undefined,
        appendOnly: file[appendOnly] === true,
      };
      commitFile(pending, decision as CommitDecision | undefined, say);
      if (modified || deleted) setCommittedFile(file);
    }
    clearFileState(file);
    done(null, file);
  } catch (error) {
    done(error as Error);
  }
}
