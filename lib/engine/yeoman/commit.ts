import { existsSync, rmSync } from 'node:fs';
import { Transform } from 'node:stream';
import { createConflicterTransform, createYoResolveTransform, forceYoFiles } from '@yeoman/conflicter';
import { clearFileState, isFileNew, isFilePending, isFileStateDeleted, isFileStateModified, setCommittedFile } from 'mem-fs-editor/state';
import { releaseSiteLocks } from '../lock.js';
import { writeFileAtomic } from '../write.js';
import { interruptedCommit, ownsProcess, statusLine, stoppedRun, writing, type FileStatus } from './output.js';

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

/** Set on a mem-fs file whose update only adds to what it held: its status line says `append`. */
export const appendOnly = 'azurePythonAppendOnly';

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
  // Ctrl-C or SIGTERM while files are written: the file being written is finished (it is
  // renamed whole, or not at all), no other is started, then the process ends by that signal.
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted ??= signal;
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  writing.active = true;
  try {
    await commitFiles(environment, () => interrupted);
  } catch (error) {
    // Under yo, a conflict question closed by Ctrl-C (or any failure of the commit) ends the run with the bin's line.
    if (ownsProcess() && !interrupted) exitStopped(error);
    throw error;
  } finally {
    // Written: the site is no longer this run's (its lock was taken when the answers were kept).
    releaseSiteLocks();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    writing.active = false;
    if (interrupted) process.kill(process.pid, interrupted);
  }
}

async function commitFiles(environment: CommitEnvironment, interrupted: () => NodeJS.Signals | undefined): Promise<void> {
  const decided = new Map<string, string>();
  const say = (line: string) => environment.adapter.log.write(`${line}\n`);
  await environment.sharedFs.pipeline(
    { filter: (file: MemFsFile) => isFilePending(file) || file.path.endsWith('.yo-resolve') },
    createYoResolveTransform() as unknown as Transform,
    forceYoFiles() as unknown as Transform,
    createConflicterTransform(recordingAdapter(environment.adapter, decided) as never, environment.conflicterOptions as never) as unknown as Transform,
    new Transform({
      objectMode: true,
      transform(file: MemFsFile, _encoding, done) {
        // One file a turn of the event loop, so that a signal is seen between two files.
        setImmediate(() => writeOne(file, interrupted(), decided.get(file.relativePath ?? ''), say, done));
      },
    }),
  );
}

/** The status line's word for a file the conflicter let through (`force`: the package's own update, or a conflict the user let overwrite). */
function statusOf(file: MemFsFile, decision: string | undefined, existed: boolean): FileStatus | undefined {
  if (decision === 'skip' || decision === 'identical') return decision;
  if (!isFileStateModified(file)) return undefined;
  if (!existed) return 'create';
  return file[appendOnly] ? 'append' : 'update';
}

function writeOne(
  file: MemFsFile,
  interrupted: NodeJS.Signals | undefined,
  decision: string | undefined,
  say: (line: string) => void,
  done: (error?: Error | null, file?: MemFsFile) => void,
): void {
  if (interrupted) {
    done(Object.assign(new Error(`Interrupted (${interrupted}): ${file.path} and the files after it were not written.`), { name: interruptedCommit, signal: interrupted }));
    return;
  }
  try {
    const status = statusOf(file, decision, existsSync(file.path));
    if (isFileStateModified(file) && decision !== 'identical') {
      setCommittedFile(file);
      writeFileAtomic(file.path, file.contents ?? '', file.stat?.mode ?? undefined);
      writing.written.push(file.path);
    } else if (isFileStateDeleted(file) && !isFileNew(file)) {
      setCommittedFile(file);
      rmSync(file.path, { recursive: true });
      writing.written.push(file.path);
    }
    if (status && !file.path.endsWith('.yo-resolve')) say(statusLine(status, file.relativePath ?? file.path));
    clearFileState(file);
    done(null, file);
  } catch (error) {
    done(error as Error);
  }
}
