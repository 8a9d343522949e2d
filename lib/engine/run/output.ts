import { fstatSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

/*
 * What a run prints about itself, the same under yo, the bin and generateSite: one status line
 * per file in the package's own words, colour only on a terminal, and one line when it stops.
 */

/** What happened to a file: `append` is an update that only adds (entries to .gitignore, a package to requirements.txt). */
export type FileStatus = 'create' | 'update' | 'append' | 'identical' | 'conflict' | 'skip' | 'remove';

const statusColours: Readonly<Record<FileStatus, number>> = { create: 32, update: 33, append: 32, identical: 36, conflict: 31, skip: 33, remove: 31 };

// What each standard stream is does not change while the process runs (process.stderr.isTTY is read once too).
const terminals = new Map<number, boolean>();

/**
 * Whether a standard stream (0, 1, 2) is a terminal. Only a character device can be one, and
 * /dev/null (a run's input under a script or CI) is not: for those, and for a pipe or a file,
 * Node's tty module, which loads its network streams, is not loaded.
 */
export function isTerminal(descriptor: number): boolean {
  let terminal = terminals.get(descriptor);
  if (terminal === undefined) {
    terminal = couldBeTerminal(descriptor) && process.getBuiltinModule('node:tty').isatty(descriptor);
    terminals.set(descriptor, terminal);
  }
  return terminal;
}

function couldBeTerminal(descriptor: number): boolean {
  try {
    const stream = fstatSync(descriptor);
    return stream.isCharacterDevice() && (process.platform === 'win32' || stream.rdev !== statSync('/dev/null').rdev);
  } catch {
    return false;
  }
}

/**
 * Writes to the standard error as process.stderr does, without making that stream (and loading
 * what it needs) where writing to the descriptor is the same thing: on Linux and macOS, whose
 * process.stderr writes synchronously too. Windows' console takes its text through the stream.
 * Should the descriptor refuse (one left non-blocking by another program, and full), the
 * rest goes through the stream.
 */
export function writeStandardError(text: string): void {
  if (process.platform === 'win32') {
    process.stderr.write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(2, bytes, done);
  } catch {
    process.stderr.write(bytes.subarray(done));
  }
}

/**
 * Whether to colour what goes to `stream`: never with NO_COLOR set (https://no-color.org), as
 * FORCE_COLOR says when it is set (0 or false: no), else only on a terminal.
 */
export function colourful(stream: { isTTY?: boolean } = { isTTY: isTerminal(2) }, environment: NodeJS.ProcessEnv = process.env): boolean {
  if (environment.NO_COLOR !== undefined && environment.NO_COLOR !== '') return false;
  if (environment.FORCE_COLOR !== undefined) return !['0', 'false'].includes(environment.FORCE_COLOR);
  return stream.isTTY === true;
}

function painted(text: string, colour: number, enabled: boolean): string {
  return enabled ? `\u001b[${colour}m${text}\u001b[39m` : text;
}

/** `   create web.config`: the status right-aligned in Yeoman's column, so both kinds of line line up. */
export function statusLine(status: FileStatus, file: string, enabled = colourful()): string {
  return `${painted(status.padStart(9), statusColours[status], enabled)} ${file}`;
}

/** A line that says a step is done, after a check mark. */
export function doneLine(message: string, enabled = colourful()): string {
  return `${painted('✔', 32, enabled)} ${message}`;
}

/**
 * The write layer's state in this process: whether it is putting files on disk now (its own
 * signal handler then finishes the file first, and a handler of the process leaves the signal
 * to it), and every file it has put on disk or removed (absolute): what a cancelled run names.
 */
export const writing: { active: boolean; readonly written: string[] } = sharedInProcess('writing', () => ({ active: false, written: [] }));

/**
 * One value per process, whichever copy of this module asks: the bin's bundle holds its own copy
 * of the package's modules, and a run it hands to Yeoman loads the compiled ones (dist/lib).
 */
function sharedInProcess<T>(name: string, create: () => T): T {
  const key = Symbol.for(`generator-azure-python.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return (store[key] ??= create());
}

/** The name of the error of a commit a signal stopped between two files (its `signal` says which). */
export const interruptedCommit = 'InterruptedCommitError';

/** Whether an error is a prompt closed by Ctrl-C (inquirer's ExitPromptError). */
export function isCancelledPrompt(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || /force closed the prompt with SIGINT/.test(error.message));
}

/**
 * How a run that stops says so, under the bin and under yo alike: one line after the
 * program's name, and the exit code. Ctrl-C at a question is "cancelled", with the files
 * written before it if any (a conflict asked about while writing), and 130 as a shell reports
 * SIGINT; a signal that stopped the writing is "cancelled" too, with its own code; any other
 * error is its message, and 1.
 */
export function stoppedRun(error: unknown, written: readonly string[] = writing.written): { readonly line: string; readonly exitCode: number } {
  if (isCancelledPrompt(error)) return cancelledRun('SIGINT', written);
  const { name, signal } = error as { name?: string; signal?: 'SIGINT' | 'SIGTERM' };
  if (name === interruptedCommit && signal) return cancelledRun(signal, written);
  return { line: `generator-azure-python: ${(error as Error).message}`, exitCode: 1 };
}

/** A run ended by Ctrl-C (SIGINT) or SIGTERM: "cancelled", what it had written, and 128 + the signal's number. */
export function cancelledRun(signal: 'SIGINT' | 'SIGTERM', written: readonly string[]): { readonly line: string; readonly exitCode: number } {
  const files = written.map(file => path.relative(process.cwd(), file) || file);
  const how = signal === 'SIGINT' ? 'cancelled' : 'cancelled (SIGTERM)';
  return { line: `generator-azure-python: ${files.length === 0 ? `${how}, nothing written` : `${how}: ${files.join(', ')} written, nothing else`}`, exitCode: signal === 'SIGINT' ? 130 : 143 };
}

/**
 * Whether the generator runs in a process of its own that nothing else reports for: `yo`,
 * whose own handler prints "Error <args>" around the message. Under the package's bin,
 * generateSite() or yeoman-test, the caller reports the error, and the generator only throws.
 */
export function ownsProcess(argv: readonly string[] = process.argv): boolean {
  const script = argv[1] ?? '';
  return path.basename(script) === 'yo' || /[\\/]yo[\\/]lib[\\/]cli\.js$/.test(script);
}
