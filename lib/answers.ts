import path from 'node:path';
import { findFramework, frameworks, type FrameworkName } from './frameworks.js';
import { findHost, hosts, serverChoices, type HostName, type Server } from './hosts.js';
import { findPythonRuntime, pythonRuntimes } from './runtimes.js';
import { routingChoices, serveFilesChoices, type Routing, type ServeFiles } from './web-config.js';
import {
  choiceValidator,
  validateCallableName,
  validateModuleName,
  validateRemoteUrl,
  validateSiteName,
  validateStaticFolder,
  validateWindowsPath,
  type Validator,
} from './validate.js';

/** The document's two ways to configure a site: a web.config in the site, or the Azure portal. */
export const configChoices = [
  { value: 'webconfig', label: 'web.config in the site (Option 2: handler, URL Rewrite and settings travel with the code)' },
  { value: 'portal', label: 'Azure portal (Option 1: handler mapping and app settings configured on the site)' },
] as const;

export type ConfigChoice = (typeof configChoices)[number]['value'];

export interface SiteAnswers {
  siteName: string;
  module: string;
  framework: FrameworkName;
  callable: string;
  host: HostName;
  server: Server;
  python: string;
  /** python.exe of a Python the user installed, or '' for a `--python` row. */
  interpreter: string;
  /** That Python's wfastcgi.py, or ''. */
  wfastcgi: string;
  config: ConfigChoice;
  siteRoot: string;
  routing: Routing;
  /** The folder IIS serves directly, / separated, or '' for none. */
  staticDir: string;
  serveFiles: ServeFiles;
  /** wfastcgi's log file on the server, or '' for none. */
  wsgiLog: string;
  /** Request filtering that hides the site's private files. */
  harden: boolean;
  /** An ARM template that creates the site (azure/azuredeploy.json). */
  provision: boolean;
  git: boolean;
  /** The Azure git remote URL, or '' for none. */
  remote: string;
}

export type AnswerName = keyof SiteAnswers;

interface Choice {
  readonly value: string;
  readonly label: string;
}

export interface Question {
  readonly name: AnswerName;
  /** The kebab-case CLI option. */
  readonly option: string;
  readonly message: string;
  readonly description: string;
  readonly kind: 'text' | 'choice' | 'confirm';
  readonly choices?: readonly Choice[];
  /** The default, which may follow from answers already known (the host's site root, say). */
  readonly defaultValue: (context: AnswerContext, answers: Partial<SiteAnswers>) => string | boolean;
  readonly validate?: Validator;
  /** Asked only when `holds` is true of the answers so far; `after`: the answers it reads. */
  readonly askWhen?: { readonly after: readonly AnswerName[]; readonly holds: (answers: Partial<SiteAnswers>) => boolean };
  /** False for an answer that is only an option: its default is taken without asking. */
  readonly prompted?: false;
  /** When the answer matters, if that is more often than it is asked (given as an option, say). */
  readonly appliesWhen?: (answers: Partial<SiteAnswers>) => boolean;
}

/** Whether `question`'s answer matters for these answers: it is kept, and passed on to other generators. */
export function answerApplies(question: Question, answers: Partial<SiteAnswers>): boolean {
  return question.appliesWhen?.(answers) ?? question.askWhen?.holds(answers) ?? true;
}

export interface AnswerContext {
  /** Absolute path of the folder the site is generated in. */
  readonly destination: string;
}

export const defaultModuleName = 'ConfigurePython';
export const suggestedWsgiLog = 'D:\\home\\LogFiles\\wfastcgi.log';

/** A site name Azure accepts, derived from the destination folder's name where possible. */
export function defaultSiteName(destination: string): string {
  const fromFolder = path
    .basename(destination)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return validateSiteName(fromFolder) === undefined ? fromFolder : 'configure-python';
}

const runtimeChoices = pythonRuntimes.map(runtime => ({ value: runtime.version, label: runtime.label }));
const hostChoices = hosts.map(host => ({ value: host.name, label: host.label }));

/** The answers only Windows hosts (IIS) use. */
const onWindows = (answers: Partial<SiteAnswers>) => answers.host !== 'linux';

export const questions: readonly Question[] = [
  {
    name: 'siteName',
    option: 'site-name',
    message: 'Azure site name (<name>.azurewebsites.net)',
    description: 'Azure site name, as in <name>.azurewebsites.net (default: from the folder name)',
    kind: 'text',
    defaultValue: context => defaultSiteName(context.destination),
    validate: validateSiteName,
  },
  {
    name: 'module',
    option: 'module',
    message: 'Python module (and folder) that holds the WSGI callable',
    description: `Python module, and the folder it lives in, that holds the WSGI callable (default: ${defaultModuleName})`,
    kind: 'text',
    defaultValue: () => defaultModuleName,
    validate: validateModuleName,
  },
  {
    name: 'framework',
    option: 'framework',
    message: 'Web framework',
    description: 'wsgi (a bare WSGI callable), flask, django or bottle (default: wsgi)',
    kind: 'choice',
    choices: frameworks.map(framework => ({ value: framework.name, label: framework.label })),
    defaultValue: () => 'wsgi',
  },
  {
    name: 'callable',
    option: 'callable',
    message: 'WSGI callable in that module',
    description: 'Name of the WSGI callable in the module (default: application; app for flask and bottle)',
    kind: 'text',
    defaultValue: (_context, answers) => findFramework(answers.framework).callable,
    validate: validateCallableName,
  },
  {
    name: 'host',
    option: 'host',
    message: 'Where the site runs',
    description: 'azure (App Service on Windows), iis (Windows Server, on premises) or linux (App Service on Linux) (default: azure)',
    kind: 'choice',
    choices: hostChoices,
    defaultValue: () => 'azure',
  },
  {
    name: 'server',
    option: 'server',
    message: 'How IIS runs Python',
    description: 'fastcgi (wfastcgi.py) or httpplatform (HttpPlatformHandler and waitress), on Windows hosts (default: fastcgi)',
    kind: 'choice',
    choices: serverChoices,
    defaultValue: () => 'fastcgi',
    askWhen: { after: ['host'], holds: onWindows },
  },
  {
    name: 'python',
    option: 'python',
    message: 'Python runtime',
    description: `Python runtime, a row of the runtime table: ${runtimeChoices.map(choice => choice.value).join(', ')} (default: 2.7 on azure, 3.12 on linux)`,
    kind: 'choice',
    choices: runtimeChoices,
    defaultValue: (_context, answers) => findHost(answers.host ?? 'azure').python ?? '2.7',
    askWhen: { after: ['host'], holds: answers => answers.host !== 'iis' },
  },
  {
    name: 'interpreter',
    option: 'interpreter',
    message: 'python.exe of the Python that runs the site',
    description: 'Absolute Windows path of python.exe, for a Python that is no --python row (default: none; on iis, C:\\Python312\\python.exe)',
    kind: 'text',
    defaultValue: (_context, answers) => findHost(answers.host ?? 'azure').interpreter?.python ?? '',
    validate: value => (value === '' ? undefined : validateWindowsPath(value)),
    askWhen: { after: ['host'], holds: answers => answers.host === 'iis' },
    // Asked on iis only, but on azure too it names a Python of one's own.
    appliesWhen: onWindows,
  },
  {
    name: 'wfastcgi',
    option: 'wfastcgi',
    message: 'wfastcgi.py of that Python (pip install wfastcgi puts it in Lib\\site-packages)',
    description: 'Absolute Windows path of wfastcgi.py, with --interpreter (default: none; on iis, C:\\Python312\\Lib\\site-packages\\wfastcgi.py)',
    kind: 'text',
    defaultValue: (_context, answers) => (answers.interpreter ? findHost(answers.host ?? 'azure').interpreter?.wfastcgi ?? '' : ''),
    validate: value => (value === '' ? undefined : validateWindowsPath(value)),
    askWhen: { after: ['host', 'server'], holds: answers => answers.host === 'iis' && answers.server !== 'httpplatform' },
    appliesWhen: answers => onWindows(answers) && answers.server !== 'httpplatform',
  },
  {
    name: 'config',
    option: 'config',
    message: 'Where the handler and settings are configured',
    description: 'webconfig (Option 2: web.config in the site) or portal (Option 1: settings files for the Azure portal/CLI) (default: webconfig)',
    kind: 'choice',
    choices: configChoices,
    defaultValue: () => 'webconfig',
    askWhen: { after: ['host', 'server'], holds: answers => answers.host === 'azure' && answers.server !== 'httpplatform' },
  },
  {
    name: 'siteRoot',
    option: 'site-root',
    message: 'Site root on the server',
    description: 'Absolute Windows path of the site root on the server (default: D:\\home\\site\\wwwroot on azure, C:\\inetpub\\<site-name> on iis)',
    kind: 'text',
    defaultValue: (context, answers) => findHost(answers.host ?? 'azure').siteRoot(answers.siteName ?? defaultSiteName(context.destination)),
    validate: validateWindowsPath,
    askWhen: { after: ['host'], holds: onWindows },
  },
  {
    name: 'routing',
    option: 'routing',
    message: 'How requests reach Python',
    description: 'rewrite (URL Rewrite sends every request that is not a file to Python) or wildcard (the handler takes every path, static files included) (default: rewrite)',
    kind: 'choice',
    choices: routingChoices,
    defaultValue: (_context, answers) => (answers.server === 'httpplatform' ? 'wildcard' : 'rewrite'),
    askWhen: {
      after: ['host', 'server', 'config'],
      holds: answers => onWindows(answers) && answers.server !== 'httpplatform' && answers.config !== 'portal',
    },
  },
  {
    name: 'staticDir',
    option: 'static-dir',
    message: 'Folder whose files IIS serves itself, e.g. static (empty for none)',
    description: 'A folder of the site, e.g. static, whose files IIS serves itself, never Python (default: none; static with a framework)',
    kind: 'text',
    defaultValue: (_context, answers) => (answers.framework && answers.framework !== 'wsgi' ? 'static' : ''),
    validate: value => (value === '' ? undefined : validateStaticFolder(value)),
    askWhen: { after: ['host', 'config'], holds: answers => onWindows(answers) && answers.config !== 'portal' },
  },
  {
    name: 'serveFiles',
    option: 'serve-files',
    message: 'Which files IIS serves as files',
    description: 'With --routing rewrite: existing (any file IIS knows the type of) or static-only (only files in --static-dir) (default: existing)',
    kind: 'choice',
    choices: serveFilesChoices,
    defaultValue: () => 'existing',
    askWhen: {
      after: ['host', 'config', 'staticDir', 'routing'],
      holds: answers => onWindows(answers) && answers.config !== 'portal' && answers.staticDir !== '' && answers.routing === 'rewrite',
    },
  },
  {
    name: 'wsgiLog',
    option: 'wsgi-log',
    message: `wfastcgi log file on the server, e.g. ${suggestedWsgiLog} (empty for none)`,
    description: `wfastcgi's log file (WSGI_LOG), an absolute Windows path such as ${suggestedWsgiLog} (default: none)`,
    kind: 'text',
    defaultValue: () => '',
    validate: value => (value === '' ? undefined : validateWindowsPath(value)),
    askWhen: { after: ['host', 'server'], holds: answers => onWindows(answers) && answers.server !== 'httpplatform' },
  },
  {
    name: 'harden',
    option: 'harden',
    message: 'Hide private files (.yo-rc.json, requirements.txt, bytecode, env) from downloads?',
    description: 'Request filtering that hides .yo-rc.json, .gitignore, requirements.txt, runtime.txt, bytecode and env (default: yes; --no-harden to leave it out)',
    kind: 'confirm',
    defaultValue: () => true,
    prompted: false,
    askWhen: { after: ['host'], holds: onWindows },
  },
  {
    name: 'provision',
    option: 'provision',
    message: 'Write an ARM template that creates the site (azure/azuredeploy.json)?',
    description: 'An ARM template that creates the App Service plan and site, azure/azuredeploy.json, on azure and linux (default: yes; --no-provision to leave it out)',
    kind: 'confirm',
    defaultValue: () => true,
    prompted: false,
    askWhen: { after: ['host'], holds: answers => answers.host !== 'iis' },
  },
  {
    name: 'git',
    option: 'git',
    message: 'Set up a git repository for `git push azure`?',
    description: 'Set up git: init when needed, .gitignore, first commit, azure remote (default: yes; --no-git to skip)',
    kind: 'confirm',
    defaultValue: () => true,
  },
  {
    name: 'remote',
    option: 'remote',
    message: 'Azure git remote URL (empty for none)',
    description: 'Azure git remote URL, e.g. https://<user>@<site>.scm.azurewebsites.net/<site>.git (default: none)',
    kind: 'text',
    defaultValue: () => '',
    validate: value => (value === '' ? undefined : validateRemoteUrl(value)),
    askWhen: { after: ['git'], holds: answers => answers.git !== false },
  },
];

export function questionsFor(names: readonly AnswerName[]): Question[] {
  return questions.filter(question => names.includes(question.name));
}

/** A value given on the command line or kept in .yo-rc.json that breaks its rule. */
export class InvalidAnswerError extends Error {
  constructor(
    readonly source: string,
    readonly rule: string,
    shownValue: string | undefined,
  ) {
    super(shownValue === undefined ? `${source}: ${rule}` : `${source}: ${shownValue} is not allowed: ${rule}`);
    this.name = 'InvalidAnswerError';
  }
}

function validatorFor(question: Question): Validator | undefined {
  return question.choices ? choiceValidator(question.choices.map(choice => choice.value)) : question.validate;
}

/**
 * Checks one value from `source` (an option such as `--module`, or a .yo-rc.json key) and
 * returns it typed, or throws an InvalidAnswerError naming the source and the rule.
 */
export function checkAnswer(question: Question, value: unknown, source: string): string | boolean {
  if (question.kind === 'confirm') {
    if (typeof value === 'boolean') return value;
    throw new InvalidAnswerError(source, 'use true or false', JSON.stringify(value));
  }
  if (typeof value !== 'string') {
    throw new InvalidAnswerError(source, 'a text value is expected', JSON.stringify(value));
  }
  const problem = validatorFor(question)?.(value);
  if (problem) {
    // A remote URL may hold a password: it is never echoed, since terminals and CI logs keep it.
    const shown = question.name === 'remote' ? undefined : JSON.stringify(value);
    throw new InvalidAnswerError(source, problem, shown);
  }
  return value;
}

/** The rule for a prompt: true when accepted, else the reason, as inquirer expects. */
export function promptValidator(question: Question): (value: string) => true | string {
  const validate = validatorFor(question);
  return value => validate?.(value) ?? true;
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
): { answers: GivenAnswers; missing: Question[]; defaulted: Question[] } {
  const answers: GivenAnswers = {};
  const missing: Question[] = [];
  const defaulted: Question[] = [];
  for (const question of questionsFor(names)) {
    if (options[question.option] !== undefined) {
      answers[question.name] = checkAnswer(question, options[question.option], `--${question.option}`);
    } else if (answersFile?.values[question.option] !== undefined) {
      answers[question.name] = checkAnswer(question, answersFile.values[question.option], `${answersFile.file} "${question.option}"`);
    } else if (kept[question.name] !== undefined) {
      answers[question.name] = checkAnswer(question, kept[question.name], `.yo-rc.json "${question.name}"`);
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

/** The rules between answers, checked once every answer is known. */
export function checkAnswerCombination(answers: Partial<SiteAnswers>): void {
  const host = answers.host === undefined ? undefined : findHost(answers.host);
  const runtime = answers.python === undefined ? undefined : findPythonRuntime(answers.python);
  if (host && host.name !== 'iis' && runtime && runtime.os !== host.os && !answers.interpreter) {
    const rows = pythonRuntimes.filter(row => row.os === host.os).map(row => row.version);
    throw new InvalidAnswerError('--python', `on --host ${host.name}, use one of ${rows.join(', ')}`, JSON.stringify(answers.python));
  }
  const fastcgi = answers.server !== 'httpplatform';
  if (fastcgi && host?.os !== 'linux' && Boolean(answers.interpreter) !== Boolean(answers.wfastcgi)) {
    const [given, needed] = answers.interpreter ? ['--interpreter', '--wfastcgi'] : ['--wfastcgi', '--interpreter'];
    throw new InvalidAnswerError(given, `it needs ${needed} too: FastCGI runs "<python.exe>|<wfastcgi.py>"`, undefined);
  }
  if (answers.config === 'portal' && (host?.name !== 'azure' || !fastcgi) && host !== undefined) {
    throw new InvalidAnswerError('--config', 'the portal (Option 1) configures Azure App Service on Windows with FastCGI: use --host azure --server fastcgi, or --config webconfig', '"portal"');
  }
  if (!fastcgi && answers.routing === 'rewrite' && host?.os !== 'linux') {
    throw new InvalidAnswerError('--routing', "with --server httpplatform the handler takes every path: use wildcard", '"rewrite"');
  }
  if (!fastcgi && answers.wsgiLog && host?.os !== 'linux') {
    throw new InvalidAnswerError('--wsgi-log', `it is wfastcgi's log, and --server httpplatform does not run wfastcgi (its log is ${host?.logFolder ?? 'the log folder'}\\python.log)`, JSON.stringify(answers.wsgiLog));
  }
  if (answers.serveFiles === 'static-only' && answers.staticDir === '') {
    throw new InvalidAnswerError('--serve-files', 'it needs --static-dir, the folder whose files IIS serves', '"static-only"');
  }
  const staticTop = answers.staticDir?.split('/')[0].toLowerCase();
  if (staticTop && staticTop === answers.module?.toLowerCase()) {
    const rule = "it is the module's folder, whose Python source IIS would then serve: choose another folder";
    throw new InvalidAnswerError('--static-dir', rule, JSON.stringify(answers.staticDir));
  }
}

export function noTerminalError(missing: readonly Question[]): Error {
  const options = missing.map(question => `--${question.option}`).join(', ');
  return new Error(`No terminal to ask for ${options}: pass them as options, or --yes to use the defaults.`);
}
