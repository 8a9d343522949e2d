import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { checkOverlay } from '../engine/templates.js';
import { detectApps, type DetectedApp, type Detection } from '../site/detect.js';
import { escapedControls, InvalidAnswerError, shownValue } from './errors.js';
import type { AnswerName, SiteAnswers } from './model.js';
import { questions, questionsFor, type AnswerContext, type Question } from './questions.js';
import { checkAnswerCombination, checkGeneratedModuleNames, checkHostServed, optionLabel, type AnswerLabel, type HostsServed } from './rules.js';
import { readAnswersFile, readKeptAnswers } from './sources.js';
import { choiceValidator, type Validator } from './validate.js';

/*
 * How an answer is found: a CLI option, then the answers file, then .yo-rc.json, then the
 * default (with --yes, or for a question that is never asked) or a prompt. `checkAll` is the
 * one check of a run's answers, made by the bin, the API and the generators alike.
 */

function validatorFor(question: Question): Validator | undefined {
  return question.choices ? choiceValidator(question.choices.map(choice => choice.value), question.alsoAccepted) : question.validate;
}

/**
 * Checks one value from `source` (an option such as `--module`, or a .yo-rc.json key) and
 * returns it typed, or throws an InvalidAnswerError naming the source and the rule.
 */
export function checkAnswer(question: Question, value: unknown, source: string): string | boolean {
  if (question.kind === 'confirm') {
    if (typeof value === 'boolean') return value;
    throw new InvalidAnswerError(source, 'use true or false', shownValue(value));
  }
  if (typeof value !== 'string') {
    throw new InvalidAnswerError(source, 'a text value is expected', shownValue(value));
  }
  const problem = validatorFor(question)?.(value);
  if (problem) {
    // A remote URL may hold a password: it is never echoed, since terminals and CI logs keep it.
    const shown = question.name === 'remote' ? undefined : shownValue(value);
    throw new InvalidAnswerError(source, problem, shown);
  }
  return value;
}

/**
 * The rule for a prompt: true when accepted, else the reason, as inquirer expects. With the
 * answers known before it, a value that breaks a rule between answers is refused here too,
 * when the rule names this question (a static folder that holds the module's), and asked again.
 */
export function promptValidator(question: Question, known?: (sofar: Record<string, unknown>) => Partial<SiteAnswers>): (value: string, sofar?: Record<string, unknown>) => true | string {
  const validate = validatorFor(question);
  return (value, sofar = {}) => {
    const problem = validate?.(value);
    if (problem !== undefined || !known) return problem ?? true;
    try {
      checkAnswerCombination({ ...known(sofar), [question.name]: value });
    } catch (error) {
      if (error instanceof InvalidAnswerError && error.source === optionLabel(question.name)) return error.rule;
      if (!(error instanceof InvalidAnswerError)) throw error;
    }
    return true;
  };
}

export type GivenAnswers = Partial<Record<AnswerName, string | boolean>>;

/**
 * The answers already known, in order of precedence: a CLI option (by its kebab-case name),
 * then the answers file (--answers, by the same names), then the value kept in .yo-rc.json;
 * every one checked. Also the questions still open: `missing` must be asked (or defaulted
 * with --yes), `defaulted` take their default unasked (never prompted, or ruled out).
 */
export function givenAnswers(
  names: readonly AnswerName[],
  options: Record<string, unknown>,
  kept: Record<string, unknown>,
  answersFile?: { file: string; values: Readonly<Record<string, unknown>> },
  label: AnswerLabel = optionLabel,
  detected: DetectedAnswers = {},
): { answers: GivenAnswers; missing: Question[]; defaulted: Question[] } {
  const answers: GivenAnswers = {};
  const missing: Question[] = [];
  const defaulted: Question[] = [];
  for (const question of questionsFor(names)) {
    if (options[question.option] !== undefined) {
      answers[question.name] = checkAnswer(question, options[question.option], label(question.name));
    } else if (answersFile?.values[question.option] !== undefined) {
      answers[question.name] = checkAnswer(question, answersFile.values[question.option], `${answersFile.file} "${question.option}"`);
    } else if (kept[question.name] !== undefined) {
      answers[question.name] = checkAnswer(question, kept[question.name], `.yo-rc.json "${question.name}"`);
    } else if (detected[question.name] !== undefined) {
      // detectedAnswers took only values the rules accept.
      answers[question.name] = checkAnswer(question, detected[question.name], 'detected');
    } else if (question.prompted === false) {
      defaulted.push(question);
    } else {
      missing.push(question);
    }
  }
  // A question that the answers it depends on rule out (no remote without git, say) takes its
  // default unasked, and so does one that depends on a question ruled out. An answer this
  // generator does not take is never known here: it rules nothing out, or in.
  const ruledOut: Question[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const question of missing) {
      if (!question.askWhen || ruledOut.includes(question)) continue;
      const after = question.askWhen.after.map(name => questions.find(candidate => candidate.name === name)!);
      const afterRuledOut = after.some(dependency => ruledOut.includes(dependency));
      const known = after.every(dependency => answers[dependency.name] !== undefined || !names.includes(dependency.name));
      if (afterRuledOut || (known && !question.askWhen.holds(answers as Partial<SiteAnswers>))) {
        ruledOut.push(question);
        changed = true;
      }
    }
  }
  return { answers, missing: missing.filter(question => !ruledOut.includes(question)), defaulted: [...defaulted, ...ruledOut] };
}


/**
 * Answers found together that hold only together: where the Python runs (host, site root, the
 * runtime or the interpreter with its wfastcgi), and how requests reach it (server, routing).
 * One of them given (an option, the answers file, .yo-rc.json) overrules the whole group found.
 */
const detectedTogether: readonly (readonly AnswerName[])[] = [
  ['host', 'siteRoot', 'python', 'interpreter', 'wfastcgi'],
  ['server', 'routing'],
];

function withoutOverruled(detected: DetectedAnswers, given: (name: AnswerName) => boolean): DetectedAnswers {
  const kept: DetectedAnswers = { ...detected };
  for (const group of detectedTogether) {
    if (group.some(given)) for (const name of group) delete kept[name];
  }
  return kept;
}

/** A value found in the destination, if `question`'s rules accept it: one they refuse is left to the default. */
function acceptedValue(question: Question, value: string | undefined): string | boolean | undefined {
  if (value === undefined) return undefined;
  try {
    return checkAnswer(question, value, 'detected');
  } catch {
    return undefined;
  }
}

/** Answers found in the destination's own files (lib/site/detect.ts): below options and .yo-rc.json, above defaults. */
export type DetectedAnswers = Partial<Record<AnswerName, string>>;

/** What detection found, as answers, and the lines that say so; one line when several apps leave the choice open. */
export function detectedAnswers(
  detection: Detection,
  label: AnswerLabel,
  given: (name: AnswerName) => boolean,
  names: readonly AnswerName[] = questions.map(question => question.name),
  host?: unknown,
): { answers: DetectedAnswers; lines: string[]; apps: readonly DetectedApp[]; choice?: InvalidAnswerError; refusal?: InvalidAnswerError } {
  const { asgiApps, notes, configured } = detection;
  // On App Service on Linux an ASGI app is served (by uvicorn's workers), where no WSGI app is found.
  const apps = detection.apps.length === 0 && host === 'linux' ? detection.asgiCandidates : detection.apps;
  const found: DetectedAnswers = { ...configured.answers };
  const lines: string[] = [];
  if (apps.length === 1) {
    const [app] = apps;
    Object.assign(found, { module: app!.module, moduleDir: app!.moduleDir, callable: app!.callable, framework: app!.framework, staticDir: app!.staticDir });
  }
  // Only what the rules accept is taken, and said: a refused value is left to the default.
  const answers = Object.fromEntries(
    Object.entries(withoutOverruled(found, given)).filter(([name, value]) => acceptedValue(questions.find(question => question.name === name)!, value) !== undefined),
  ) as DetectedAnswers;
  const taken = (Object.keys(answers) as AnswerName[]).filter(name => names.includes(name) && !given(name));
  if (taken.length > 0) {
    const sources = apps.length === 1 ? [apps[0]!.evidence, ...configured.evidence] : configured.evidence;
    const evidence = sources.filter((source, index) => !sources.slice(0, index).some(earlier => earlier.includes(source))).join('; ');
    lines.push(`Detected ${evidence}: ${taken.map(name => label(name, String(answers[name]))).join(', ')}`);
  }
  lines.push(...notes);
  // The folder's app is an ASGI one: a generated WSGI module beside it would be served instead.
  if (apps.length === 0 && asgiApps.length > 0) {
    const rule = `${escapedControls(asgiApps.join(', '))}: an ASGI app, which wfastcgi, waitress and gunicorn's default workers cannot serve; give ${label('module')} (and ${label('moduleDir')}, ${label('callable')}) for a WSGI app of the project, or ${label('host', 'linux')}, where gunicorn serves it with uvicorn workers`;
    return { answers, lines: [], apps, refusal: new InvalidAnswerError(label('module'), rule, undefined) };
  }
  // Paths and values from the user's files: printed, so never with a control character that a terminal would act on.
  lines.splice(0, lines.length, ...lines.map(escapedControls));
  if (apps.length < 2) return { answers, lines, apps };
  const listed = escapedControls(apps.map(app => `${app.module} (${app.evidence})`).join(', '));
  const choice = new InvalidAnswerError(label('module'), `this folder holds ${apps.length} apps: ${listed}; choose one with ${label('module')}, ${label('moduleDir')} and ${label('callable')}`, undefined);
  return { answers, lines, apps, choice };
}

export function noTerminalError(missing: readonly Question[]): Error {
  const options = missing.map(question => `--${question.option}`).join(', ');
  return new Error(`No terminal to ask for ${options}: pass them as options, or --yes to use the defaults.`);
}

/**
 * Sets every answer of `pending` to its default, each once the answers its default reads
 * (`defaultAfter`) are settled: a site root follows from the host, whatever the table's order.
 */
export function applyDefaults(pending: readonly Question[], answers: GivenAnswers, context: AnswerContext): void {
  const waiting = [...pending];
  while (waiting.length > 0) {
    const ready = waiting.findIndex(question => (question.defaultAfter ?? []).every(name => !waiting.some(other => other.name === name)));
    if (ready === -1) throw new Error(`The defaults of ${waiting.map(question => question.name).join(', ')} depend on each other`);
    const [question] = waiting.splice(ready, 1);
    answers[question!.name] = question!.defaultValue(context, answers as Partial<SiteAnswers>);
  }
}

export type EntryKind = 'file' | 'folder' | 'link' | 'other';

/** What is at the destination before a run: its entries by name and kind, and the answers it keeps. */
export interface DestinationSnapshot {
  /** The folder, absolute. */
  readonly root: string;
  /** The folder's own entries (not below), by name; empty when it does not exist yet. */
  readonly entries: ReadonlyMap<string, EntryKind>;
  /** The answers kept in its .yo-rc.json. */
  readonly kept: Record<string, unknown>;
}

/** The destination as it is; `kept`, when the caller has read the kept answers already (Yeoman's config). */
export function snapshotDestination(root: string, kept: Record<string, unknown> = readKeptAnswers(root)): DestinationSnapshot {
  const entries = new Map<string, EntryKind>();
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    // A destination that does not exist yet has nothing in it.
  }
  for (const name of names) {
    const stats = lstatSync(path.join(root, name));
    entries.set(name, stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : 'other');
  }
  return { root, entries, kept };
}

/** What a run was given: the options (by their kebab-case names), and how it may ask. */
export interface RunRequest {
  /** The answers the generator takes. */
  readonly names: readonly AnswerName[];
  /** CLI options by their kebab-case names, with `answers` (a file), `templates` and `yes`. */
  readonly options: Record<string, unknown>;
  /** Whether missing answers can be asked (a terminal). */
  readonly canPrompt: boolean;
  /** How an error names a given answer: `--module` on the command line (the default), `module` in the API. */
  readonly label?: AnswerLabel;
  /** The hosts the generator writes for, when not every one: another is refused before anything else is asked. */
  readonly served?: HostsServed;
}

export interface CheckedAnswers {
  /** Every answer known before prompting: given, kept, or defaulted. */
  readonly answers: GivenAnswers;
  /** The questions still to ask; none with --yes. */
  readonly missing: readonly Question[];
  /** Unasked answers whose defaults follow from a question still to ask: defaulted once it is answered. */
  readonly deferred: readonly Question[];
  /** What was found in the destination's own files and taken as answers, one line each. */
  readonly detected: readonly string[];
  /** The apps found when there are several and a terminal can ask which one is the site's. */
  readonly candidates: readonly DetectedApp[];
}

/**
 * The one check of a run, before anything loads or is written: the overlay, the answers file,
 * every value given or kept, whether the missing ones can be asked, and (once every answer is
 * known) the rules between them. Throws the one-line error of the first problem.
 */
export function checkAll(request: RunRequest, destination: DestinationSnapshot): CheckedAnswers {
  const { options } = request;
  if (typeof options.templates === 'string') checkOverlay(path.resolve(options.templates));
  const answersFile = typeof options.answers === 'string' ? readAnswersFile(options.answers) : undefined;
  const label = request.label ?? optionLabel;
  checkHostServed(request.served, options.host, label);
  // Detection only where the app is not named already: a generated site keeps its answers.
  const named = options.module ?? answersFile?.values.module ?? destination.kept.module;
  const given = (name: AnswerName) => {
    const option = questions.find(question => question.name === name)!.option;
    return options[option] !== undefined || answersFile?.values[option] !== undefined || destination.kept[name] !== undefined;
  };
  const host = options.host ?? answersFile?.values.host ?? destination.kept.host;
  const detection = request.names.includes('module') && named === undefined ? detectedAnswers(detectApps(destination.root), label, given, request.names, host) : undefined;
  const yes = options.yes === true;
  if (detection?.refusal) throw detection.refusal;
  if (detection?.choice && (yes || !request.canPrompt)) throw detection.choice;
  const { answers, missing, defaulted } = givenAnswers(request.names, options, destination.kept, answersFile, label, detection?.answers);
  checkHostServed(request.served, answers.host, label);
  if (!yes && missing.length > 0 && !request.canPrompt) throw noTerminalError(missing);
  const asked = yes ? [] : missing;
  const deferred = dependingOn(asked, defaulted);
  applyDefaults([...defaulted.filter(question => !deferred.includes(question)), ...(yes ? missing : [])], answers, { destination: destination.root });
  checkAnswerCombination(answers as Partial<SiteAnswers>, request.label);
  if (asked.length === 0) checkGeneratedModuleNames(answers as Partial<SiteAnswers>, destination.root, request.label);
  return { answers, missing: asked, deferred, detected: detection?.lines ?? [], candidates: detection?.choice ? detection.apps : [] };
}

/** The questions of `candidates` whose defaults read (directly or through one another) an answer of `asked`. */
function dependingOn(asked: readonly Question[], candidates: readonly Question[]): Question[] {
  const waiting = new Set(asked.map(question => question.name));
  const found: Question[] = [];
  let grew = true;
  while (grew) {
    grew = false;
    for (const question of candidates) {
      if (found.includes(question) || !(question.defaultAfter ?? []).some(name => waiting.has(name))) continue;
      found.push(question);
      waiting.add(question.name);
      grew = true;
    }
  }
  return found;
}
