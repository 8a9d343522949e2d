import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { releaseSiteLocks } from './lock.js';
import { generators, runOptions } from '../registry.js';
import { commitFile, holdingSignals, stopIfInterrupted } from './commit-file.js';
import { colourful, isTerminal, writeStandardError } from './output.js';
import { SiteRun, appendOnly, type RunHost, type RunLog, type StoredFile } from './site-run.js';
import { generatorSteps, priorities, type GeneratorSteps, type SiteGeneratorName } from './steps.js';

/*
 * The direct engine: the generators' steps (steps.ts) run without Yeoman, for every run that
 * asks nothing. It keeps Yeoman's order (the steps of every generator of the run by priority,
 * composed generators after the one that composed them), its .yo-rc.json (the same key, order
 * and indentation), its in-memory files committed in the order they were first seen, its
 * conflict check and its log lines; the writing is the write layer's (commit-file.ts).
 */

/** A run the direct engine cannot finish without asking (a conflict to show in a terminal): nothing was written or said; Yeoman's run takes over. */
export class NeedsQuestions extends Error {
  constructor(what: string) {
    super(`This run needs to ask: ${what}`);
    this.name = 'NeedsQuestions';
  }
}

/** Set to `yeoman` in the environment, every run goes through Yeoman (to compare the two engines, or to rule the direct one out). */
export const engineVariable = 'GENERATOR_AZURE_PYTHON_ENGINE';

/**
 * Whether a run in `destination` may take the direct engine: not when the environment asks for
 * Yeoman, nor when a .yo-resolve file (Yeoman's per-file conflict answers) is in the site or
 * above it, which only Yeoman's commit reads.
 */
export function directEngineApplies(destination: string, environment: NodeJS.ProcessEnv = process.env): boolean {
  if (environment[engineVariable] === 'yeoman') return false;
  for (let folder = path.resolve(destination); ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, '.yo-resolve'))) return false;
    if (path.dirname(folder) === folder) return true;
  }
}

/** The name Yeoman keeps the answers under in .yo-rc.json: the package's. */
const keptAnswersName = 'generator-azure-python';
/** The files Yeoman's commit always overwrites, without a conflict check. */
const yeomanOwnFiles = ['.yo-rc.json', '.yo-rc-global.json'];

type DirectFile = StoredFile & { path: string; contents?: string; conflicter?: string };

export interface DirectRunOptions {
  /** Yeoman's --force: apply changes to edited files. */
  readonly force?: boolean;
  /** Whether the run has a terminal to ask in: a conflict then hands the run to Yeoman. */
  readonly canAsk: boolean;
  /** Where the run's lines go (stderr by default). */
  readonly write?: (text: string) => void;
}

/** The run's shared state: its files in memory, its queued steps, its log. */
class DirectEngine {
  readonly files = new Map<string, DirectFile>();
  readonly #tasks: { priority: number; order: number; method: () => unknown }[] = [];
  readonly #transforms = new Set<string>();
  #order = 0;
  // Lines said before the commit wait there: a run handed to Yeoman says nothing of its own.
  #held: string[] | undefined = [];

  constructor(readonly options: DirectRunOptions) {}

  say(text: string): void {
    if (this.#held) this.#held.push(text);
    else (this.options.write ?? writeStandardError)(text);
  }

  release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const text of held) this.say(text);
  }

  file(file: string): DirectFile {
    const resolved = path.resolve(file);
    let stored = this.files.get(resolved);
    if (!stored) this.files.set(resolved, (stored = { path: resolved }));
    return stored;
  }

  /** Queues a generator's steps, as Yeoman queues its methods by priority. */
  queue(steps: GeneratorSteps): void {
    for (const [priority, name] of priorities.entries()) {
      const method = steps[name];
      // The commit runs between writing and end (Yeoman's transform and conflicts queues).
      if (method) this.#tasks.push({ priority: name === 'end' ? priority + 2 : priority, order: this.#order++, method: () => method.call(steps) });
    }
  }

  atTransform(taskName: string, method: () => void): void {
    if (this.#transforms.has(taskName)) return;
    this.#transforms.add(taskName);
    this.#tasks.push({ priority: priorities.indexOf('writing') + 1, order: this.#order++, method });
  }

  /** Runs the queued steps, the earliest priority first, as Yeoman's queue does (steps queued meanwhile included), committing before `end`. */
  async runAll(): Promise<void> {
    const commitPriority = priorities.indexOf('writing') + 2;
    this.#tasks.push({ priority: commitPriority, order: this.#order++, method: () => this.#commit() });
    while (this.#tasks.length > 0) {
      const next = this.#tasks.reduce((first, task) => (task.priority < first.priority || (task.priority === first.priority && task.order < first.order) ? task : first));
      this.#tasks.splice(this.#tasks.indexOf(next), 1);
      await next.method();
    }
  }

  /**
   * Whether Yeoman's conflict check would ask about a file in memory: one on disk that holds
   * other bytes, with no --force, no update decided without a question, and not one of
   * Yeoman's own files. Every other file is the write layer's to create, update or leave.
   */
  #needsQuestion(file: DirectFile): boolean {
    if (!existsSync(file.path)) return false;
    if (this.options.force || file.conflicter === 'force' || yeomanOwnFiles.includes(path.basename(file.path))) return false;
    return !readFileSync(file.path).equals(Buffer.from(file.contents ?? ''));
  }

  async #commit(): Promise<void> {
    const pending = [...this.files.values()].filter(file => file.state === 'modified');
    const asked = pending.filter(file => this.#needsQuestion(file));
    if (asked.length > 0) {
      // The plans stop a run without a terminal on a conflict before this; with one, Yeoman asks.
      throw new NeedsQuestions(`${asked.map(file => path.relative(process.cwd(), file.path)).join(', ')} changed`);
    }
    this.release();
    await holdingSignals(async interrupted => {
      for (const file of pending) {
        // One file a turn of the event loop, so that a signal is seen between two files.
        await new Promise(resolve => setImmediate(resolve));
        stopIfInterrupted(interrupted(), file.path);
        const relativePath = path.relative(process.cwd(), file.path);
        commitFile({ path: file.path, relativePath, change: 'write', contents: file.contents ?? '', appendOnly: file[appendOnly] === true }, undefined, line => this.say(`${line}\n`));
        delete file.state;
      }
    });
  }
}

/**
 * Runs `azure-python:<generator>` (a generator that writes a site) without Yeoman and returns
 * the object that identifies the run (filesWrittenBy reads what it wrote). Throws what the
 * generators throw; NeedsQuestions when the run turns out to need Yeoman's questions, with
 * nothing written or said.
 */
export async function runDirect(generator: SiteGeneratorName, args: readonly string[], options: Record<string, unknown>, runOptionsGiven: DirectRunOptions): Promise<object> {
  const engine = new DirectEngine(runOptionsGiven);
  const log = logOf(engine);
  const start = (name: SiteGeneratorName, given: Record<string, unknown>, root: string) => {
    const run = new SiteRun(name, directHost(name, given, root));
    engine.queue(generatorSteps[name](run));
  };
  const given = generators[generator].kind === 'composition' && args[0] !== undefined ? { destination: args[0], ...options } : options;
  start(generator, given, process.cwd());
  try {
    await engine.runAll();
  } catch (error) {
    if (!(error instanceof NeedsQuestions)) engine.release();
    throw error;
  } finally {
    releaseSiteLocks();
  }
  engine.release();
  return engine;

  function directHost(name: SiteGeneratorName, given: Record<string, unknown>, folder: string): RunHost {
    let root = path.resolve(folder);
    const options = runOptions(name, given);
    const host: RunHost = {
      options,
      destinationRoot: next => {
        if (next !== undefined) {
          root = path.resolve(next);
          mkdirSync(root, { recursive: true });
        }
        return root;
      },
      config: keptAnswersStore(engine, () => path.join(root, '.yo-rc.json')),
      log,
      storedFile: file => engine.file(file),
      readStored: file => engine.file(file).contents,
      write: (file, contents) => Object.assign(engine.file(file), { state: 'modified', contents }),
      storedFiles: () => [...engine.files.values()],
      run: engine,
      canPrompt: () => engine.options.canAsk,
      forced: () => options.force === true || engine.options.force === true,
      prompt: async questions => {
        if (questions.length === 0) return {};
        throw new NeedsQuestions(questions.map(question => question.name).join(', '));
      },
      atTransform: (taskName, method) => engine.atTransform(taskName, method),
      compose: async (part, partOptions) => start(part as SiteGeneratorName, partOptions, root),
    };
    return host;
  }
}

/**
 * Yeoman's log: a line as it is, and `info` lines in its status column, grey where its colours
 * would show (chalk reads the standard output's terminal, the package's lines the standard error's).
 */
function logOf(engine: DirectEngine): RunLog {
  const grey = colourful() && (process.env.FORCE_COLOR !== undefined || (isTerminal(1) && process.env.TERM !== 'dumb'));
  // Made whole by Object.assign: a property stored into the new closure (`log.info = ...`) keeps
  // the closure, and so the run, alive through V8's young collections until a full one, and a
  // process generating many sites grows its young generation (docs/performance.md).
  return Object.assign((line = '') => engine.say(`${format(line)}\n`), {
    info: (line: string) => engine.say(`${grey ? '\u001b[90m     info\u001b[39m' : '     info'} ${format(line)}\n`),
  });
}

/**
 * The answers kept in the site's .yo-rc.json, read and written as Yeoman's storage does (through
 * the run's files in memory). Read from disk once, and parsed again only when its text changes:
 * a run reads its records at every file it plans.
 */
function keptAnswersStore(engine: DirectEngine, file: () => string): RunHost['config'] {
  let parsedText: string | undefined;
  let parsed: Record<string, unknown> = {};
  const read = (): Record<string, unknown> => {
    const stored = engine.file(file());
    // What this run put in memory (still there once committed), else the file as it was found.
    stored.contents ??= existsSync(stored.path) ? readFileSync(stored.path, 'utf8') : undefined;
    const text = stored.contents;
    if (text === undefined) return {};
    if (text !== parsedText) {
      const content = JSON.parse(text) as unknown;
      if (!content || typeof content !== 'object' || Array.isArray(content)) throw new Error(`${stored.path} is not a valid Storage`);
      parsed = content as Record<string, unknown>;
      parsedText = text;
    }
    return parsed;
  };
  const kept = () => (read()[keptAnswersName] ?? {}) as Record<string, unknown>;
  return {
    getAll: () => structuredClone(kept()),
    get: key => structuredClone(kept()[key]),
    set: (key, value) => {
      const all = structuredClone(read());
      const store = (all[keptAnswersName] ?? {}) as Record<string, unknown>;
      if (typeof key === 'object') Object.assign(store, key);
      else store[key] = value;
      all[keptAnswersName] = store;
      Object.assign(engine.file(file()), { state: 'modified', contents: `${JSON.stringify(all, undefined, 2)}\n` });
      return value;
    },
  };
}
