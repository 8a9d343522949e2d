import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { questions, type AnswerName } from './answers.js';

// Compiled, this module is dist/lib/package-paths.js: the package root is two folders up.
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

const webConfigAnswers = [
  'module',
  'framework',
  'callable',
  'host',
  'server',
  'python',
  'interpreter',
  'wfastcgi',
  'siteRoot',
  'routing',
  'staticDir',
  'serveFiles',
  'wsgiLog',
  'harden',
  'provision',
] as const;

// Every question, in the table's order: what `app` asks.
const everyAnswer: readonly AnswerName[] = questions.map(question => question.name);

const provisionAnswers = ['siteName', 'module', 'framework', 'callable', 'host', 'server', 'python', 'interpreter', 'wfastcgi', 'config', 'siteRoot', 'wsgiLog'] as const;

/**
 * The generators of the package (`yo azure-python:<name>`): what each writes and which answers
 * it needs. `app` asks them all, then composes the others.
 */
export const generators = {
  app: { summary: 'A whole site: WSGI module, web.config or portal settings, git', answers: everyAnswer, commitOption: true },
  module: {
    summary: 'The app: the WSGI module <Module>/<Module>.py, or a Flask, Django or Bottle app',
    answers: ['module', 'framework', 'callable'],
    commitOption: false,
  },
  webconfig: {
    summary: 'Option 2: web.config (handler, URL Rewrite, app settings, request filtering), handler.fcgi; setup-iis.ps1 on iis',
    answers: webConfigAnswers,
    commitOption: false,
  },
  portal: {
    summary: 'Option 1: app settings, handler mapping and portal steps for the Azure portal or CLI',
    answers: ['siteName', 'module', 'framework', 'callable', 'host', 'python', 'interpreter', 'wfastcgi', 'siteRoot', 'wsgiLog'],
    commitOption: false,
  },
  linux: {
    summary: 'App Service on Linux: requirements.txt with gunicorn, and the startup command',
    answers: ['siteName', 'module', 'framework', 'callable', 'host', 'python'],
    commitOption: false,
  },
  provision: {
    summary: 'azure/azuredeploy.json: an ARM template that creates the App Service plan and site',
    answers: provisionAnswers,
    commitOption: false,
  },
  readme: { summary: "README.md: the site's own notes (files, configuration, deployment, failures)", answers: everyAnswer, commitOption: false },
  git: { summary: 'A git repository ready for git push azure', answers: ['remote'], commitOption: true },
  doctor: { summary: 'Checks a site for the known causes of failing on Azure, with the fix for each', answers: [], commitOption: false },
} as const satisfies Record<string, { summary: string; answers: readonly AnswerName[]; commitOption: boolean }>;

export type GeneratorName = keyof typeof generators;

export const generatorNames = Object.keys(generators) as GeneratorName[];

export const commitOptionDescription = 'Commit the files this run created (--no-commit to leave them uncommitted)';

export function templatesDirectory(generator: GeneratorName): string {
  return path.join(packageRoot, 'templates', generator);
}

/** The compiled generator module that Yeoman loads for `azure-python:<generator>`. */
export function generatorPath(generator: GeneratorName): string {
  return path.join(packageRoot, 'dist', 'generators', generator, 'index.js');
}
