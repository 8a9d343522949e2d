import path from 'node:path';
import { frameworks, findFramework } from '../catalog/frameworks.js';
import { findHost, hostChoiceOrder, hosts, windowsAppServiceToday } from '../catalog/hosts.js';
import { offeredRuntimes, pythonRuntimes } from '../catalog/runtimes.js';
import { findServer, servers } from '../catalog/servers.js';
import { InvalidAnswerError } from './errors.js';
import type { AnswerName, Ci, ConfigChoice, HostName, Routing, ServeFiles, SiteAnswers } from './model.js';
import { checkAnswerCombination } from './rules.js';
import {
  validateCallableName,
  validateModuleFolder,
  validateModuleName,
  validateRemoteUrl,
  validateSiteName,
  validateStaticFolder,
  validateWindowsPath,
  type Validator,
} from './validate.js';

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
  /** The answers the default reads: they are settled first. */
  readonly defaultAfter?: readonly AnswerName[];
  readonly validate?: Validator;
  /** Values accepted besides the listed choices, never offered (runtimes Azure no longer offers). */
  readonly alsoAccepted?: readonly string[];
  /** Asked only when `holds` is true of the answers so far; `after`: the answers it reads. */
  readonly askWhen?: { readonly after: readonly AnswerName[]; readonly holds: (answers: Partial<SiteAnswers>) => boolean };
  /** False for an answer that is only an option: its default is taken without asking. */
  readonly prompted?: false;
  /** When the answer matters, if that is more often than it is asked (given as an option, say). */
  readonly appliesWhen?: (answers: Partial<SiteAnswers>) => boolean;
  /**
   * Asked on the short path; every other question only after "Customise ...?" (--customise),
   * its default taken otherwise.
   */
  readonly essential?: true;
}

/** Whether `question`'s answer matters for these answers: it is kept, and passed on to other generators. */
export function answerApplies(question: Question, answers: Partial<SiteAnswers>): boolean {
  return question.appliesWhen?.(answers) ?? question.askWhen?.holds(answers) ?? true;
}

export interface AnswerContext {
  /** Absolute path of the folder the site is generated in. */
  readonly destination: string;
}

/** --host's help: the hosts a generator writes for, each with who it is for. */
export function hostsDescription(served: readonly HostName[]): string {
  const listed = hostChoiceOrder.filter(name => served.includes(name)).map(name => `${name} (${findHost(name).short})`);
  return `${listed.length > 1 ? `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}` : listed[0]} (default: ${served.includes('azure') ? 'azure' : served[0]})`;
}

/** --python's help: the runtimes of the hosts a generator writes for, as each host names them. */
export function runtimesDescription(served: readonly HostName[]): string {
  const rows = (os: 'windows' | 'linux') => offeredRuntimes(os).map(runtime => runtime.version);
  return [
    ...(served.includes('linux') ? [`on linux ${rows('linux').join(', ')} (default ${findHost('linux').python})`] : []),
    ...(served.includes('azure') ? [`on azure ${rows('windows').join(', ')} (default ${findHost('azure').python})`] : []),
  ].join('; ');
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

// Runtimes Azure no longer offers are accepted (an existing site keeps its Python) but never listed.
const runtimeChoices = offeredRuntimes().map(runtime => ({ value: runtime.version, label: runtime.label }));
const historicRuntimes = pythonRuntimes.filter(runtime => runtime.offered === false).map(runtime => runtime.version);
const hostChoices = hosts.map(host => ({ value: host.name, label: host.label }));
const serverChoices = servers.map(server => ({ value: server.name, label: server.label }));

const configChoices: readonly { value: ConfigChoice; label: string }[] = [
  { value: 'webconfig', label: 'web.config in the site (Option 2: handler, URL Rewrite and settings travel with the code)' },
  { value: 'portal', label: 'Azure portal (Option 1: handler mapping and app settings configured on the site)' },
];

const routingChoices: readonly { value: Routing; label: string }[] = [
  { value: 'rewrite', label: 'rewrite: URL Rewrite sends every request that is not a file to Python; IIS serves the files (recommended)' },
  { value: 'wildcard', label: 'wildcard: the handler takes every path, static files included (no URL Rewrite module needed)' },
];

const ciChoices: readonly { value: Ci; label: string }[] = [
  { value: 'none', label: 'none: deploy with git push azure (or the commands in README.md)' },
  { value: 'github', label: 'github: a GitHub Actions workflow deploys each push to main (OpenID Connect, no secret in the file)' },
];

const serveFilesChoices: readonly { value: ServeFiles; label: string }[] = [
  { value: 'existing', label: 'existing: any file in the site that IIS has a MIME type for' },
  { value: 'static-only', label: 'static-only: only files under the static folder; every other URL goes to Python' },
];

// The rows the answers so far name; an answer not known yet (or not this generator's) is its default's row.
const hostOf = (answers: Partial<SiteAnswers>) => findHost(answers.host ?? 'azure');
const runsWaitress = (answers: Partial<SiteAnswers>) => findServer(answers.server ?? 'fastcgi').pythonServer !== undefined;

/** The answers only Windows hosts (IIS) use. */
const onWindows = (answers: Partial<SiteAnswers>) => hostOf(answers).os === 'windows';
/** On a server of one's own, the Python is one the administrator installs: no --python row. */
const ownPython = (answers: Partial<SiteAnswers>) => hostOf(answers).interpreter !== undefined;

export const questions: readonly Question[] = [
  {
    name: 'host',
    option: 'host',
    message: 'Where the site runs',
    description: hostsDescription(hostChoiceOrder),
    essential: true,
    kind: 'choice',
    choices: hostChoices,
    defaultValue: () => 'azure',
  },
  {
    name: 'framework',
    option: 'framework',
    message: 'Web framework',
    description: 'wsgi, flask, django or bottle (default: wsgi)',
    essential: true,
    kind: 'choice',
    choices: frameworks.map(framework => ({ value: framework.name, label: framework.label })),
    defaultValue: () => 'wsgi',
  },
  {
    name: 'siteName',
    option: 'site-name',
    message: 'Azure site name (<name>.azurewebsites.net)',
    description: '<name>.azurewebsites.net (default: folder name)',
    essential: true,
    kind: 'text',
    defaultValue: context => defaultSiteName(context.destination),
    validate: validateSiteName,
  },
  {
    name: 'module',
    option: 'module',
    message: 'Python module (and folder) that holds the WSGI callable',
    description: `the app's Python module (default: ${defaultModuleName})`,
    kind: 'text',
    defaultValue: () => defaultModuleName,
    validate: validateModuleName,
  },
  {
    name: 'moduleDir',
    option: 'module-dir',
    message: 'Folder of that module, relative to the site root (. for the site root)',
    description: 'its folder, . for the site root (default: its name)',
    kind: 'text',
    defaultValue: (_context, answers) => answers.module ?? defaultModuleName,
    defaultAfter: ['module'],
    validate: validateModuleFolder,
    prompted: false,
    // Kept only when it is not the default: the folder then follows a changed module name.
    appliesWhen: answers => answers.moduleDir !== (answers.module ?? defaultModuleName),
  },
  {
    name: 'callable',
    option: 'callable',
    message: 'WSGI callable in that module',
    description: 'the WSGI callable (default: application, or app)',
    kind: 'text',
    defaultValue: (_context, answers) => findFramework(answers.framework ?? 'wsgi').callable,
    defaultAfter: ['framework'],
    validate: validateCallableName,
  },
  {
    name: 'server',
    option: 'server',
    message: 'How IIS runs Python',
    description: 'fastcgi (wfastcgi, default) or httpplatform (waitress)',
    kind: 'choice',
    choices: serverChoices,
    defaultValue: () => 'fastcgi',
    askWhen: { after: ['host'], holds: onWindows },
  },
  {
    name: 'python',
    option: 'python',
    message: 'Python runtime',
    description: runtimesDescription(hostChoiceOrder),
    kind: 'choice',
    choices: runtimeChoices,
    alsoAccepted: historicRuntimes,
    defaultValue: (_context, answers) => findHost(answers.host ?? 'azure').python ?? '2.7',
    defaultAfter: ['host'],
    askWhen: { after: ['host'], holds: answers => !ownPython(answers) },
  },
  {
    name: 'interpreter',
    option: 'interpreter',
    message: 'python.exe of the Python that runs the site',
    description: 'python.exe of your own Python',
    kind: 'text',
    defaultValue: (_context, answers) => findHost(answers.host ?? 'azure').interpreter?.python ?? '',
    defaultAfter: ['host'],
    validate: value => (value === '' ? undefined : validateWindowsPath(value)),
    askWhen: { after: ['host'], holds: ownPython },
    // Asked on iis only, but on azure too it names a Python of one's own.
    appliesWhen: onWindows,
  },
  {
    name: 'wfastcgi',
    option: 'wfastcgi',
    message: 'wfastcgi.py of that Python (pip install wfastcgi puts it in Lib\\site-packages)',
    description: 'its wfastcgi.py, given with --interpreter',
    kind: 'text',
    defaultValue: (_context, answers) => (answers.interpreter ? findHost(answers.host ?? 'azure').interpreter?.wfastcgi ?? '' : ''),
    defaultAfter: ['host', 'interpreter'],
    validate: value => (value === '' ? undefined : validateWindowsPath(value)),
    askWhen: { after: ['host', 'server'], holds: answers => ownPython(answers) && !runsWaitress(answers) },
    appliesWhen: answers => onWindows(answers) && !runsWaitress(answers),
  },
  {
    name: 'config',
    option: 'config',
    message: 'Where the handler and settings are configured',
    description: 'webconfig (Option 2, default) or portal (Option 1)',
    kind: 'choice',
    choices: configChoices,
    defaultValue: () => 'webconfig',
    askWhen: { after: ['host', 'server'], holds: answers => onWindows(answers) && hostOf(answers).onAzure && !runsWaitress(answers) },
  },
  {
    name: 'siteRoot',
    option: 'site-root',
    message: 'Site root on the server',
    description: 'the site root on the server (D:\\home\\site\\wwwroot)',
    kind: 'text',
    defaultValue: (context, answers) => findHost(answers.host ?? 'azure').siteRoot(answers.siteName ?? defaultSiteName(context.destination)),
    defaultAfter: ['host', 'siteName'],
    validate: validateWindowsPath,
    askWhen: { after: ['host'], holds: onWindows },
  },
  {
    name: 'routing',
    option: 'routing',
    message: 'How requests reach Python',
    description: 'rewrite (URL Rewrite, default) or wildcard',
    kind: 'choice',
    choices: routingChoices,
    defaultValue: (_context, answers) => (runsWaitress(answers) ? 'wildcard' : 'rewrite'),
    defaultAfter: ['server'],
    askWhen: {
      after: ['host', 'server', 'config'],
      holds: answers => onWindows(answers) && !runsWaitress(answers) && answers.config !== 'portal',
    },
  },
  {
    name: 'staticDir',
    option: 'static-dir',
    message: 'Folder whose files IIS serves itself, e.g. static (empty for none)',
    description: 'a folder IIS serves itself, e.g. static',
    kind: 'text',
    defaultValue: (_context, answers) => findFramework(answers.framework ?? 'wsgi').staticDir,
    defaultAfter: ['framework'],
    validate: value => (value === '' ? undefined : validateStaticFolder(value)),
    askWhen: { after: ['host', 'config'], holds: answers => onWindows(answers) && answers.config !== 'portal' },
  },
  {
    name: 'serveFiles',
    option: 'serve-files',
    message: 'Which files IIS serves as files',
    description: 'existing (default) or static-only',
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
    description: "wfastcgi's log file (WSGI_LOG)",
    kind: 'text',
    defaultValue: () => '',
    validate: value => (value === '' ? undefined : validateWindowsPath(value)),
    askWhen: { after: ['host', 'server'], holds: answers => onWindows(answers) && !runsWaitress(answers) },
  },
  {
    name: 'harden',
    option: 'harden',
    message: 'Hide private files (.yo-rc.json, requirements.txt, bytecode, env) from downloads?',
    description: 'hide private files from downloads (--no-harden)',
    kind: 'confirm',
    defaultValue: () => true,
    prompted: false,
    askWhen: { after: ['host'], holds: onWindows },
  },
  {
    name: 'provision',
    option: 'provision',
    message: 'Write an ARM template that creates the site (azure/azuredeploy.json)?',
    description: 'write the ARM template (--no-provision)',
    kind: 'confirm',
    defaultValue: () => true,
    prompted: false,
    askWhen: { after: ['host'], holds: answers => hostOf(answers).onAzure },
  },
  {
    name: 'ci',
    option: 'ci',
    message: 'A deploy workflow',
    description: 'none (default) or github: a deploy workflow',
    kind: 'choice',
    choices: ciChoices,
    defaultValue: () => 'none',
    askWhen: { after: ['host'], holds: answers => hostOf(answers).onAzure },
  },
  {
    name: 'git',
    option: 'git',
    message: 'Set up a git repository for `git push azure`?',
    description: 'set up git for git push azure (--no-git)',
    essential: true,
    kind: 'confirm',
    defaultValue: () => true,
  },
  {
    name: 'remote',
    option: 'remote',
    message: 'Azure git remote URL (empty for none)',
    description: 'the Azure git remote URL',
    kind: 'text',
    defaultValue: () => '',
    validate: value => (value === '' ? undefined : validateRemoteUrl(value)),
    askWhen: { after: ['git'], holds: answers => answers.git !== false },
  },
];

/**
 * The choices a prompt offers, given the answers before it: the hosts a generator writes for
 * (none that would fail later), and the runtimes of the chosen host only.
 */
export function promptChoices(question: Question, answers: Partial<SiteAnswers>, hostsServed: readonly HostName[] = hostChoiceOrder): readonly Choice[] | undefined {
  const listed = listedChoices(question, answers, hostsServed);
  if (!listed) return undefined;
  // A choice that cannot work with the answers already known is not offered (a Windows host for a given --python 3.12).
  const problem = (value: string) => {
    try {
      checkAnswerCombination({ ...answers, [question.name]: value });
      return undefined;
    } catch (error) {
      if (error instanceof InvalidAnswerError) return error;
      throw error;
    }
  };
  const fitting = listed.filter(choice => problem(choice.value) === undefined);
  // Nothing fits: the answers given before rule out every choice, and the run stops here naming them.
  if (fitting.length === 0 && listed.length > 0) throw problem(listed[0]!.value)!;
  return fitting;
}

function listedChoices(question: Question, answers: Partial<SiteAnswers>, hostsServed: readonly HostName[]): readonly Choice[] | undefined {
  if (question.name === 'host') return hostChoiceOrder.filter(name => hostsServed.includes(name)).map(name => ({ value: name, label: findHost(name).choice }));
  if (question.name === 'python') {
    return offeredRuntimes(hostOf(answers).os).map(runtime => ({ value: runtime.version, label: runtime.label }));
  }
  return question.choices;
}

/** A prompt's words, given the answers before it: the runtime question on Windows App Service says what Azure offers today. */
export function promptMessage(question: Question, answers: Partial<SiteAnswers>): string {
  if (question.name === 'python' && hostOf(answers).os === 'windows' && hostOf(answers).onAzure) return `${question.message} (${windowsAppServiceToday})`;
  return question.message;
}

/** The question that opens the rest once the short path's are answered: its answer is the --customise option. */
export const customiseQuestion = {
  name: 'customise',
  option: 'customise',
  message: 'Customise paths, runtime and routing? (no: the defaults, as --yes takes them)',
  description: 'ask every question, not only the first few',
} as const;

export function questionsFor(names: readonly AnswerName[]): Question[] {
  return questions.filter(question => names.includes(question.name));
}

