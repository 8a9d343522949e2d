import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AnswerName, SiteAnswers } from '../../answers/model.js';
import type { DetectedApp } from '../../site/detect.js';
import { answerApplies, customiseQuestion, promptChoices, promptMessage, questionsFor, type Question } from '../../answers/questions.js';
import { applyDefaults, checkAll, checkAnswer, givenAnswers, promptValidator, snapshotDestination, type GivenAnswers } from '../../answers/resolve.js';
import { checkAnswerCombination, checkGeneratedModuleNames } from '../../answers/rules.js';
import { readKeptAnswers } from '../../answers/sources.js';
import { siteFiles } from '../../plans/parts.js';
import { nameOnDisk } from '../../site/existing.js';
import { destinationRefusal, readOnlyRefusal, replaceBlockingLinks } from '../destination.js';
import { releaseSiteLocks, takeSiteLock } from './lock.js';
import { doneLine } from './output.js';
import { decide, plannedText, unaskableConflictsError, type FileDecision, type PlanContext, type PlannedFile } from '../file-plan.js';
import { fileRecordsKey, readFileRecords, recordsAfter, sameRecords, type FileRecords } from '../file-history.js';
import { generators, hostsServed, type GeneratorName } from '../registry.js';

/** A file of the run's in-memory store, with the marks the commit reads (Yeoman's mem-fs file, or the direct engine's). */
export type StoredFile = Record<string, unknown> & { state?: unknown };

/** Marks on a stored file: created by this run (git commits those), an update needing no question, an update that only adds. */
export const createdByThisRun = 'azurePythonCreated';
export const appendOnly = 'azurePythonAppendOnly';

/** What a generator's steps print: a line as it is, or Yeoman's `info` line. */
export interface RunLog {
  (line?: string): unknown;
  info(line: string): unknown;
}

/** A question as the engine asks it (Inquirer's shape, which Yeoman's adapter takes). */
export type PromptQuestion = Record<string, unknown> & { name: string };

/**
 * What a run of the generators is made of, whichever engine runs it (Yeoman's, or the direct
 * one that needs no question): the options, the site folder, the kept answers, the in-memory
 * files that are written at the commit, the log, and the run's shared steps.
 */
export interface RunHost {
  readonly options: Record<string, unknown>;
  /** The site folder; given a folder, the site moves there (created when missing). */
  destinationRoot(folder?: string): string;
  /** The kept answers (.yo-rc.json, under the package's name), as Yeoman's storage reads and writes them. */
  readonly config: { getAll(): Record<string, unknown>; get(key: string): unknown; set(key: string | Record<string, unknown>, value?: unknown): unknown };
  readonly log: RunLog;
  /** The in-memory file at `file` (absolute), entered in the store as Yeoman's does on first sight. */
  storedFile(file: string): StoredFile;
  /** The text this run put in memory at `file` (absolute). */
  readStored(file: string): string | undefined;
  /** Puts `contents` in memory at `file` (absolute), to be written at the commit. */
  write(file: string, contents: string): void;
  /** Every file in memory, in the order the store saw them. */
  storedFiles(): readonly (StoredFile & { path: string })[];
  /** The object that identifies this run, shared by the generators it composes. */
  readonly run: object;
  canPrompt(): boolean;
  forced(): boolean;
  prompt(questions: readonly PromptQuestion[]): Promise<Record<string, unknown>>;
  /** Runs `method` once for the run, after every writing step and before any file is written. */
  atTransform(taskName: string, method: () => void): void;
  /** Adds a generator of the package to the run, with these options. */
  compose(generator: GeneratorName, options: Record<string, unknown>): Promise<void>;
}

// The conflicts of a run that cannot be asked about, by run.
const unaskableConflicts = new WeakMap<object, FileDecision[]>();
/** The user's files the generators of a run merge their entries into. */
const mergedFiles = new WeakMap<object, string[]>();
// The files a run writes (absolute paths): what generateSite returns.
const writtenFiles = new WeakMap<object, Set<string>>();

/** The files the generators of `run` wrote or changed: created, updated, or conflicts applied. */
export function filesWrittenBy(run: object): string[] {
  return [...(writtenFiles.get(run) ?? [])].filter(file => existsSync(file)).sort();
}

/** Set by `app` on the generators it composes. */
export const composedOption = 'composedByApp';

/**
 * One generator's part of a run, whichever engine runs it: its answers (an option, else the
 * value kept in .yo-rc.json, else the default with --yes, or a question), the answers kept,
 * and the files of its plan decided against what the site holds and put in memory.
 */
export class SiteRun {
  answers = {} as SiteAnswers;
  #previousAnswers: SiteAnswers | undefined;
  readonly #answerNames: readonly AnswerName[];
  // What this generator's writing step planned: the files its summary lists.
  readonly #planned: PlannedFile[] = [];

  constructor(readonly name: GeneratorName, readonly host: RunHost) {
    this.#answerNames = generators[name].answers;
  }

  get options(): Record<string, unknown> {
    return this.host.options;
  }

  get log(): RunLog {
    return this.host.log;
  }

  destinationRoot(): string {
    return this.host.destinationRoot();
  }

  destinationPath(file: string): string {
    return path.join(this.host.destinationRoot(), file);
  }

  /**
   * Finds every answer this generator needs. Each value is checked before anything is
   * written; without a terminal, missing answers fail at once.
   */
  async findAnswers(destination = this.destinationRoot(), stored = this.host.config.getAll()): Promise<void> {
    try {
      await this.#findAnswers(destination, stored);
    } catch (error) {
      throw releasingLocks(error);
    }
  }

  async #findAnswers(destination: string, stored: Record<string, unknown>): Promise<void> {
    const entry = generators[this.name];
    const snapshot = snapshotDestination(destination, stored);
    const checked = checkAll({ names: this.#answerNames, options: this.options, canPrompt: this.host.canPrompt(), served: hostsServed(this.name) }, snapshot);
    const { answers, detected } = checked;
    for (const line of detected) this.log.info(line);
    const chosen = await this.#chooseApp(checked.candidates, answers);
    const missing = checked.missing.filter(question => !chosen.includes(question.name));
    const deferred = checked.deferred.filter(question => !chosen.includes(question.name));
    const context = { destination };
    if (missing.length > 0 || deferred.length > 0) {
      const customise = this.#customise(missing);
      const asked = (question: Question, sofar: Record<string, unknown>) =>
        (question.essential === true || sofar.customise === true) && (question.askWhen?.holds({ ...answers, ...sofar } as Partial<SiteAnswers>) ?? true);
      const prompts: PromptQuestion[] = missing.map(question => ({
        type: { text: 'input', choice: 'select', confirm: 'confirm' }[question.kind],
        name: question.name,
        message: (sofar: Partial<SiteAnswers>) => promptMessage(question, { ...answers, ...sofar } as Partial<SiteAnswers>),
        default: (sofar: Partial<SiteAnswers>) => {
          const known = { ...answers, ...sofar } as Partial<SiteAnswers>;
          const value = question.defaultValue(context, known);
          // A default the earlier answers rule out is not offered: the first choice that fits is.
          const offered = promptChoices(question, known, entry.hosts?.names);
          return offered && !offered.some(choice => choice.value === value) ? offered[0]?.value : value;
        },
        choices: (sofar: Partial<SiteAnswers>) =>
          promptChoices(question, { ...answers, ...sofar } as Partial<SiteAnswers>, entry.hosts?.names)?.map(choice => ({ name: choice.label, value: choice.value })),
        validate: question.kind === 'text' ? promptValidator(question, sofar => ({ ...answers, ...sofar }) as Partial<SiteAnswers>) : undefined,
        when: (sofar: Partial<SiteAnswers>) => asked(question, { customise, ...sofar }),
      }));
      // The short path's questions, then "Customise ...?" before the first of the others (unless --customise, or an option of theirs, settles it).
      const firstCustom = missing.findIndex(question => !question.essential);
      if (customise === undefined && firstCustom >= 0) {
        prompts.splice(firstCustom, 0, { type: 'confirm', name: customiseQuestion.name, message: customiseQuestion.message, default: false });
      }
      const prompted = await this.host.prompt(prompts);
      for (const question of missing) {
        const known = { ...answers, ...prompted } as Partial<SiteAnswers>;
        const value = prompted[question.name] ?? question.defaultValue(context, known);
        // A question the answers rule out keeps its default unchecked: a Linux site has no Windows site root to validate.
        const applies = question.askWhen?.holds(known) ?? true;
        answers[question.name] = applies || prompted[question.name] !== undefined ? checkAnswer(question, value, `--${question.option}`) : (value as string | boolean);
      }
      applyDefaults(deferred, answers, context);
      checkAnswerCombination(answers as Partial<SiteAnswers>);
      checkGeneratedModuleNames(answers as Partial<SiteAnswers>, this.destinationRoot());
    }
    this.answers = this.#withKnownAnswers(answers, this.options, stored);
    entry.check?.(this.answers);
    this.#previousAnswers = this.#readPreviousAnswers(destination);
  }

  /**
   * Whether the questions off the short path are asked: --customise (or --no-customise), else
   * yes when an option of theirs was given (the user is customising already), else undefined:
   * the run asks.
   */
  #customise(missing: readonly Question[]): boolean | undefined {
    if (typeof this.options.customise === 'boolean') return this.options.customise;
    const givenOff = questionsFor(this.#answerNames).some(question => !question.essential && this.options[question.option] !== undefined);
    if (givenOff) return true;
    return missing.some(question => !question.essential) ? undefined : false;
  }

  /**
   * Several apps in the folder, and a terminal: asks which one the site serves, first, and
   * takes its answers (module, its folder, callable, framework, static folder). Returns the
   * names of the answers taken; none when the user picks a new module of the generator's.
   */
  async #chooseApp(candidates: readonly DetectedApp[], answers: GivenAnswers): Promise<AnswerName[]> {
    if (candidates.length < 2) return [];
    const none = -1;
    const { app } = (await this.host.prompt([
      {
        type: 'select',
        name: 'app',
        message: 'This folder holds several apps: which one does the site serve?',
        choices: [
          ...candidates.map((candidate, index) => ({ name: `${candidate.module} (${candidate.evidence})`, value: index })),
          { name: 'none of these: a new module of the generator\'s', value: none },
        ],
      },
    ])) as { app: number };
    const picked = candidates[app];
    if (!picked) return [];
    const values: Partial<Record<AnswerName, string>> = {
      module: picked.module,
      moduleDir: picked.moduleDir,
      callable: picked.callable,
      framework: picked.framework,
      staticDir: picked.staticDir,
    };
    const taken = questionsFor(this.#answerNames).filter(question => values[question.name] !== undefined && answers[question.name] === undefined);
    for (const question of taken) answers[question.name] = checkAnswer(question, values[question.name], `--${question.option}`);
    return taken.map(question => question.name);
  }

  /**
   * The previous run's answers, from .yo-rc.json on disk (under `yo azure-python`, the one in
   * memory already holds this run's), completed with the defaults; undefined when there are
   * none or they no longer check out.
   */
  #readPreviousAnswers(destination: string): SiteAnswers | undefined {
    try {
      const kept = readKeptAnswers(destination);
      if (Object.keys(kept).length === 0) return undefined;
      const { answers } = givenAnswers(this.#answerNames, {}, kept);
      applyDefaults(questionsFor(this.#answerNames).filter(question => answers[question.name] === undefined), answers, { destination });
      checkAnswerCombination(answers as Partial<SiteAnswers>);
      return this.#withKnownAnswers(answers, {}, kept);
    } catch {
      return undefined;
    }
  }

  /** `answers` with the answers other parts ask for that this one reads (`readsIfKnown`): given, kept, or empty. */
  #withKnownAnswers(answers: GivenAnswers, options: Record<string, unknown>, kept: Record<string, unknown>): SiteAnswers {
    const { readsIfKnown } = generators[this.name];
    const known = givenAnswers(readsIfKnown, options, kept).answers;
    for (const name of readsIfKnown) answers[name] ??= known[name] ?? '';
    return answers as unknown as SiteAnswers;
  }

  /**
   * What this run's parts planned for the previous answers. Parts the previous answers do not
   * fit (a web.config for a site that was on Linux) planned nothing then.
   */
  #previousPlan(plan: (answers: SiteAnswers, context: PlanContext) => PlannedFile[], contextFor: (answers: SiteAnswers) => PlanContext): PlannedFile[] {
    if (!this.#previousAnswers) return [];
    try {
      return plan(this.#previousAnswers, contextFor(this.#previousAnswers));
    } catch {
      return [];
    }
  }

  /** Keeps this generator's answers in .yo-rc.json, so that later runs reuse them. */
  keepAnswers(): void {
    // The first writing step of a run (under yo too): from here until it ends, the site is this run's.
    takeSiteLock(this.destinationRoot());
    const created = !existsSync(this.destinationPath('.yo-rc.json'));
    // An answer the others rule out (a remote without git, a site root on Linux) is not kept.
    const relevant = questionsFor(this.#answerNames).filter(question => answerApplies(question, this.answers));
    const kept = Object.fromEntries(relevant.map(question => [question.name, this.answers[question.name]]));
    // Set only on a change: an unchanged .yo-rc.json is not rewritten.
    const stored = this.host.config.getAll();
    if (Object.entries(kept).every(([name, value]) => stored[name] === value)) return;
    this.host.config.set(kept);
    this.#recordWritten('.yo-rc.json');
    if (created) this.#markCreated('.yo-rc.json');
  }

  /**
   * Puts in memory the files `plan` gives for this run's answers. Each file already on disk is
   * compared with what was last written there (hashes kept in .yo-rc.json) and with what the
   * plan gave for the previous answers: a file the user did not edit is brought up to date, and
   * so is one that only gains entries; an edit to a file whose plan is unchanged is kept; any
   * other change to the user's work is a conflict, asked about in a terminal. Without a
   * terminal (and without --force) such a change stops the run before anything is written.
   */
  writeFiles(plan: (answers: SiteAnswers, context: PlanContext) => PlannedFile[]): FileDecision[] {
    try {
      return this.#writeFiles(plan);
    } catch (error) {
      throw releasingLocks(error);
    }
  }

  #writeFiles(plan: (answers: SiteAnswers, context: PlanContext) => PlannedFile[]): FileDecision[] {
    const overlay = typeof this.options.templates === 'string' ? path.resolve(this.options.templates) : undefined;
    const records = readFileRecords(this.host.config.getAll());
    const holdsUserFile = (file: string) => this.holdsUserFile(file, records);
    const readSiteFile = (file: string) => this.readUserFile(file);
    const contextFor = (answers: SiteAnswers): PlanContext => ({ overlay, siteFiles: () => siteFiles(answers, { holdsUserFile, readSiteFile }), holdsUserFile, readSiteFile });
    const previousFiles = this.#previousPlan(plan, contextFor).map(file => ({ ...file, path: this.#nameOnDisk(file) }));
    const planned = plan(this.answers, contextFor(this.answers)).map(file => ({ ...file, path: this.#nameOnDisk(file) }));
    this.#planned.push(...planned);
    const paths = planned.map(file => file.path);
    const forced = this.host.forced();
    const refusal = destinationRefusal(this.destinationRoot(), paths, forced);
    if (refusal) throw new Error(refusal);
    if (forced) replaceBlockingLinks(this.destinationRoot(), paths);
    const decisions = planned.map(file =>
      decide(file, this.readUserFile(file.path), {
        previous: previousFiles.find(previous => previous.path === file.path),
        record: Object.hasOwn(records, file.path) ? records[file.path] : undefined,
      }, forced),
    );
    const changed = decisions.filter(decision => ['update', 'conflict'].includes(decision.action)).map(decision => decision.path);
    const readOnly = readOnlyRefusal(this.destinationRoot(), changed);
    if (readOnly) throw new Error(readOnly);
    const conflicts = decisions.filter(decision => decision.action === 'conflict');
    if (conflicts.length > 0 && !this.host.canPrompt() && !forced) {
      this.#stopBeforeCommitting(conflicts);
      return decisions;
    }
    this.#keepFileRecords(records, planned, decisions);
    this.#announceMerges(decisions.filter(decision => ['update', 'conflict'].includes(decision.action) && planned.find(file => file.path === decision.path)?.kind === 'merged').map(decision => decision.path));
    for (const decision of decisions) {
      const file = planned.find(candidate => candidate.path === decision.path)!;
      if (file.kind === 'merged' && file.announceAdditions && decision.additions?.length) {
        this.log.info(`${decision.path}: adds ${decision.additions.join(', ')}`);
      }
      for (const warning of decision.warnings ?? []) this.log.info(`Warning: ${warning}`);
      if (decision.action === 'keep') continue;
      this.host.write(this.destinationPath(decision.path), decision.contents);
      if (decision.action !== 'identical') this.#recordWritten(decision.path);
      if (decision.action === 'create') this.#markCreated(decision.path);
      // Nothing of the user's changes: the commit's conflict check would ask all the same.
      if (decision.action === 'update') this.#storedFile(decision.path).conflicter = 'force';
      if (decision.onlyAdds) this.#storedFile(decision.path)[appendOnly] = true;
    }
    return decisions;
  }

  /**
   * Records in .yo-rc.json what this run writes, so that the next run tells its own text from
   * the user's edits. A conflict asked about may be declined: it is recorded by the next run,
   * which finds the file as written (identical), or the user's still (a conflict again).
   */
  #keepFileRecords(records: FileRecords, planned: readonly PlannedFile[], decisions: readonly FileDecision[]): void {
    const written = decisions.flatMap(decision => {
      const file = planned.find(candidate => candidate.path === decision.path)!;
      const surelyWritten = decision.action === 'conflict' ? this.host.forced() : decision.action !== 'keep';
      // A placeholder is recorded when created (handler.fcgi is then the site's to commit), never when found.
      // An edit is the owner's own change, approved: the file stays theirs.
      const recorded = file.kind === 'placeholder' ? decision.action === 'create' : file.kind !== 'edit' && surelyWritten;
      return recorded ? [{ path: file.path, planned: plannedText(file), contents: decision.contents }] : [];
    });
    const after = recordsAfter(records, written);
    if (sameRecords(records, after)) return;
    const created = !existsSync(this.destinationPath('.yo-rc.json'));
    this.host.config.set(fileRecordsKey, after);
    this.#recordWritten('.yo-rc.json');
    if (created) this.#markCreated('.yo-rc.json');
  }

  /**
   * Collects the conflicts of every generator of the run, then stops it with one error naming
   * them all, after the writing step and before any file is put on disk.
   */
  #stopBeforeCommitting(conflicts: readonly FileDecision[]): void {
    this.#collectForRun(unaskableConflicts, 'stopOnUnaskableConflicts', conflicts, all => {
      throw releasingLocks(unaskableConflictsError(all));
    });
  }

  /**
   * Collects the user's files that every generator of the run merges into, and says so in one
   * line once all have decided, before anything is written; nothing when the run stops on a conflict.
   */
  #announceMerges(paths: readonly string[]): void {
    this.#collectForRun(mergedFiles, 'announceMerges', paths, all => {
      const line = (unaskableConflicts.get(this.host.run)?.length ?? 0) > 0 ? undefined : mergedFilesLine(all);
      if (line) this.log.info(line);
    });
  }

  /**
   * Adds `items` to what the generators of this run collect in `collected`; the first to add
   * has `atTransform` run once, with all of them, after every writing step and before any file
   * is put on disk.
   */
  #collectForRun<T>(collected: WeakMap<object, T[]>, taskName: string, items: readonly T[], atTransform: (all: readonly T[]) => void): void {
    let pending = collected.get(this.host.run);
    if (!pending) {
      const all: T[] = [];
      pending = all;
      collected.set(this.host.run, all);
      this.host.atTransform(taskName, () => atTransform(all));
    }
    pending.push(...items);
  }

  /**
   * Says what the generator did, run on its own: a line, then each file it planned with what
   * the file is for. Composed by `app`, it says nothing: the app lists the whole site.
   */
  summarise(): void {
    if (this.options[composedOption]) return;
    const files = this.#planned.filter(file => file.purpose !== undefined);
    if (files.length === 0) return;
    const width = Math.max(...files.map(file => file.path.length));
    this.log(doneLine(`${generators[this.name].summary.replace(/^./, letter => letter.toUpperCase())}, in ${this.destinationRoot()}:`));
    for (const file of files) this.log(`  ${file.path.padEnd(width)}  ${file.purpose}`);
  }

  /** The answers of the previous run, as kept on disk in .yo-rc.json, or undefined. */
  get previousAnswers(): SiteAnswers | undefined {
    return this.#previousAnswers;
  }

  /**
   * The site's file as it is, or undefined when there is none: as this run wrote it, else
   * byte for byte from disk (Yeoman's own read drops a byte-order mark, which the file keeps).
   */
  readUserFile(destination: string): string | undefined {
    const file = this.destinationPath(destination);
    if (this.#storedFile(destination).state) return this.host.readStored(file);
    if (!existsSync(file)) return undefined;
    const bytes = readFileSync(file);
    // IIS reads UTF-16 too; the merge reads and writes UTF-8 only, so it never guesses.
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      throw new Error(`${destination} is UTF-16: save it as UTF-8 (with or without a byte-order mark), then run again; it was left as it is.`);
    }
    return bytes.toString('utf8');
  }

  /** Whether the site holds a file at `file` (relative, / separated) that no run of the generator wrote: the user's own. */
  holdsUserFile(file: string, records: FileRecords = readFileRecords(this.host.config.getAll())): boolean {
    if (file.endsWith('/')) {
      const folder = this.destinationPath(file);
      if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) return false;
      return readdirSync(folder, { withFileTypes: true }).some(entry => entry.isDirectory() || !Object.hasOwn(records, `${file}${entry.name}`));
    }
    return !Object.hasOwn(records, file) && this.readUserFile(file) !== undefined;
  }

  /** Files this run wrote, created or changed (relative to the site, / separated), .yo-rc.json included. */
  filesThisRunWrites(): string[] {
    return [...(writtenFiles.get(this.host.run) ?? [])]
      .map(file => path.relative(this.destinationRoot(), file).split(path.sep).join('/'))
      .filter(relative => !relative.startsWith('..'))
      .sort();
  }

  /** Files this run created (relative to the site, / separated) that are now on disk. */
  createdFiles(): string[] {
    return this.host
      .storedFiles()
      .filter(file => file[createdByThisRun] === true && existsSync(file.path))
      .map(file => path.relative(this.destinationRoot(), file.path).split(path.sep).join('/'))
      .filter(relative => !relative.startsWith('..'))
      .sort();
  }

  #recordWritten(destination: string): void {
    const written = writtenFiles.get(this.host.run) ?? new Set<string>();
    writtenFiles.set(this.host.run, written.add(this.destinationPath(destination)));
  }

  #markCreated(destination: string): void {
    this.#storedFile(destination)[createdByThisRun] = true;
  }

  #storedFile(destination: string): StoredFile {
    return this.host.storedFile(this.destinationPath(destination));
  }

  /**
   * The site's own name for a planned file: a file (or folder) there whose name differs only
   * by case is the one written, under its name, never a second one beside it (Windows and IIS
   * see one file). A file whose plan says only its exact name will do refuses instead.
   */
  #nameOnDisk(file: PlannedFile): string {
    const existing = nameOnDisk(this.destinationRoot(), file.path);
    if (existing === undefined || existing === file.path) return file.path;
    if (file.exactName) {
      throw new Error(`Not written: ${file.exactName}, and this site has ${existing}. Nothing was changed: rename it (git mv ${existing} ${file.path}), then run again.`);
    }
    return existing;
  }
}

/** `error`, once the site locks this process holds are released: a run that fails writes nothing more. */
export function releasingLocks(error: unknown): unknown {
  releaseSiteLocks();
  return error;
}

/** The one line said before the merge into the user's files is written; undefined for none. */
export function mergedFilesLine(paths: readonly string[]): string | undefined {
  const into = [...new Set(paths)];
  if (into.length === 0) return undefined;
  return into.length === 1
    ? `${into[0]} is there already: the site's entries go into it, and everything else in it stays as it is.`
    : `${into.join(', ')} are there already: the site's entries go into them, and everything else in them stays as it is.`;
}
