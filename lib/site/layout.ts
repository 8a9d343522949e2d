import type { SiteAnswers } from '../answers/model.js';
import { findFramework } from '../catalog/frameworks.js';
import { findHost } from '../catalog/hosts.js';
import { customRuntime, findPythonRuntime, isAzureBuiltIn, scriptProcessor, type PythonRuntime, type WindowsRuntime } from '../catalog/runtimes.js';

/**
 * The answers that say where the app is and what wfastcgi, waitress or gunicorn call in it;
 * `usersProject`: the app is the user's own (found in the site, never written by the generator).
 */
export type AppAnswers = Pick<SiteAnswers, 'module' | 'moduleDir' | 'callable' | 'framework'> & { readonly usersProject?: boolean };

export interface ModuleLayout {
  readonly module: string;
  readonly callable: string;
  /** The module's folder, relative to the site root and / separated: '.' for the site root. */
  readonly moduleDir: string;
  /** The module's file, relative to the site root, / separated. */
  readonly moduleFile: string;
  /** What wfastcgi imports and calls: `<module>.<callable>`. */
  readonly wsgiHandler: string;
  /** How to run the app locally, from the site root. */
  readonly localCommand: string;
  /** The site root seen from the module's folder, / separated: '.', '..', '../..'. */
  readonly siteRootFromModuleDir: string;
}

/** The app's files (a template of templates/module each), relative to the site root. */
export function appFiles({ module, moduleDir, framework }: AppAnswers): { template: string; path: string; purpose?: string }[] {
  return findFramework(framework)
    .files(module)
    .map(file => ({ ...file, path: inModuleDir(moduleDir, file.path) }));
}

/** `relative` (/ separated) inside the module's folder, as a path from the site root. */
export function inModuleDir(moduleDir: string, relative: string): string {
  return moduleDir === '.' ? relative : `${moduleDir}/${relative}`;
}

export function moduleLayout({ module, moduleDir, callable, framework, usersProject }: AppAnswers): ModuleLayout {
  const chosen = findFramework(framework);
  const run = chosen.localRun(module);
  return {
    module,
    callable,
    moduleDir,
    moduleFile: inModuleDir(moduleDir, chosen.mainFile(module)),
    wsgiHandler: usersProject && chosen.projectWsgiHandler ? chosen.projectWsgiHandler(module, callable) : chosen.wsgiHandler(module, callable),
    localCommand: `python ${inModuleDir(moduleDir, run.script)}${run.arguments ? ` ${run.arguments}` : ''}`,
    siteRootFromModuleDir: moduleDir === '.' ? '.' : moduleDir.split('/').map(() => '..').join('/'),
  };
}

/**
 * Where a module of the answers' name would already be, as a user's file: the module itself,
 * a package of that name (which Python imports before a module beside it), or for Django the
 * project's settings and manage.py.
 */
export function userAppPaths(answers: AppAnswers): string[] {
  const { module, moduleDir } = answers;
  if (answers.framework === 'django') return [inModuleDir(moduleDir, 'manage.py'), inModuleDir(moduleDir, `${module}/settings.py`)];
  return [inModuleDir(moduleDir, `${module}.py`), inModuleDir(moduleDir, `${module}/__init__.py`)];
}

/**
 * `answers`, saying whether the app is the user's own: a file where the app would be that the
 * generator did not write. Answers that say so already are not taken: this is where it is found.
 */
export function withAppOwner<T extends AppAnswers>(answers: T & { readonly usersProject?: never }, holdsUserFile: ((file: string) => boolean) | undefined): T & { readonly usersProject: boolean } {
  return { usersProject: userAppPaths(answers).some(file => holdsUserFile?.(file) ?? false), ...answers };
}

/**
 * How to run the user's own app locally, from the site root, on port 8000 as the generated
 * module does: Django's runserver, Flask's command line, or waitress on `module:callable`.
 * The module itself is not run: its own app.run(), if any, picks its own port, or is missing.
 */
export function localCommandForUsersApp(answers: AppAnswers): string {
  if (answers.framework === 'django') return moduleLayout(answers).localCommand;
  const inFolder = answers.moduleDir === '.' ? '' : `cd ${answers.moduleDir} && `;
  const target = `${answers.module}:${answers.callable}`;
  if (answers.framework === 'asgi') return `${inFolder}python -m uvicorn --port 8000 ${target}`;
  return answers.framework === 'flask' ? `${inFolder}flask --app ${target} run --port 8000` : `${inFolder}python -m waitress --port=8000 ${target}`;
}

/**
 * Every value of a site on a Windows host that follows from the answers, computed in one
 * place: the module and its folder decide PYTHONPATH and WSGI_HANDLER, the runtime decides
 * both halves of the script processor.
 */
export interface SiteLayout extends ModuleLayout {
  readonly runtime: WindowsRuntime;
  /** The site root on the server, e.g. D:\\home\\site\\wwwroot. */
  readonly siteRoot: string;
  /**
   * What wfastcgi adds to sys.path: the module's folder on the server, and the site-packages
   * of the virtualenv Azure's deployment builds when the site has requirements.
   */
  readonly pythonPath: string;
  /** App settings the framework needs (DJANGO_SETTINGS_MODULE). */
  readonly frameworkSettings: readonly { name: string; value: string }[];
  readonly scriptProcessor: string;
}

type RuntimeAnswers = Pick<SiteAnswers, 'python'> & Partial<Pick<SiteAnswers, 'interpreter' | 'wfastcgi'>>;

/** The Python the answers name: `--interpreter` and `--wfastcgi`, else a row of the runtime table. */
export function resolveRuntime(answers: RuntimeAnswers): PythonRuntime {
  if (answers.interpreter) return customRuntime(answers.interpreter, answers.wfastcgi ?? '');
  return findPythonRuntime(answers.python);
}

export function siteLayout(answers: AppAnswers & Pick<SiteAnswers, 'siteRoot'> & RuntimeAnswers): SiteLayout {
  const runtime = resolveRuntime(answers);
  if (runtime.os !== 'windows') throw new Error(`${runtime.label} does not run under IIS`);
  const framework = findFramework(answers.framework);
  const moduleFolder = windowsJoin(answers.siteRoot, ...(answers.moduleDir === '.' ? [] : answers.moduleDir.split('/')));
  const virtualenv = framework.requirements.length > 0 && isAzureBuiltIn(runtime);
  return {
    runtime,
    siteRoot: answers.siteRoot,
    pythonPath: virtualenv ? `${moduleFolder};${windowsJoin(answers.siteRoot, 'env', 'Lib', 'site-packages')}` : moduleFolder,
    // A project of the user's chooses its own settings (its wsgi.py may pick them at run time).
    frameworkSettings: answers.usersProject && framework.projectWsgiHandler ? [] : framework.appSettings(answers.module),
    scriptProcessor: scriptProcessor(runtime),
    ...moduleLayout(answers),
  };
}

/** Joins Windows path segments; a drive root such as `D:\` keeps its single backslash. */
export function windowsJoin(root: string, ...segments: string[]): string {
  const trimmed = root.replace(/\\$/, '');
  if (segments.length === 0) return /^[A-Za-z]:$/.test(trimmed) ? `${trimmed}\\` : trimmed;
  return [trimmed, ...segments].join('\\');
}

/**
 * Where a generated Django project's SECRET_KEY comes from on the server: an app setting
 * DJANGO_SECRET_KEY that the host keeps outside git (the ARM template's parameter, the portal
 * step, setup-iis.ps1 on the server), or, where no such setting exists before the first push
 * (web.config alone), the key file the generator writes, which is committed.
 */
export type SecretKeySource = 'arm-template' | 'portal' | 'setup-script' | 'key-file';

/** `config`: the configuration the site has, the answers' own unless given (the portal's steps ask as if it were the portal). */
export function djangoSecretKeySource(
  answers: {
    readonly framework: SiteAnswers['framework'];
    readonly usersProject?: boolean;
    readonly host?: SiteAnswers['host'] | '';
    readonly provision?: boolean | '';
    readonly config?: SiteAnswers['config'] | '';
  },
  config = answers.config,
): SecretKeySource | undefined {
  // A Django project of the user's keeps its key its own way.
  if (answers.framework !== 'django' || answers.usersProject) return undefined;
  const host = answers.host ? findHost(answers.host) : undefined;
  if (host?.setupScript) return 'setup-script';
  if (host?.onAzure && answers.provision === true) return 'arm-template';
  if (host?.onAzure && host.os === 'windows' && config === 'portal') return 'portal';
  return 'key-file';
}

/** The generated Django project's key file, secret.py beside its settings. */
export function djangoKeyFile(answers: Pick<AppAnswers, 'module' | 'moduleDir'>): string {
  return inModuleDir(answers.moduleDir, `${answers.module}/secret.py`);
}

/** The install step before a local run, for a site whose files include requirements.txt; undefined without one. */
export function requirementsInstall(files: readonly { readonly path: string }[]): string | undefined {
  return files.some(file => file.path === 'requirements.txt') ? 'python -m pip install -r requirements.txt' : undefined;
}

/** What the site's README and end message say of the key, by where it comes from. */
export function secretKeyNote(source: SecretKeySource, answers: Pick<AppAnswers, 'module' | 'moduleDir'>): string {
  const keyFile = djangoKeyFile(answers);
  switch (source) {
    case 'arm-template':
      return "Django's SECRET_KEY is the app setting DJANGO_SECRET_KEY, which the ARM template sets from its djangoSecretKey parameter (a new random one each deployment unless you pass --parameters djangoSecretKey=<key>); it is never in git.";
    case 'portal':
      return "Django's SECRET_KEY is the app setting DJANGO_SECRET_KEY: the portal steps set it to a random key; it is never in git.";
    case 'setup-script':
      return "Django's SECRET_KEY is the environment variable DJANGO_SECRET_KEY, which setup-iis.ps1 makes on the server (a random key, kept in IIS's configuration there); it is never in git.";
    case 'key-file':
      return `Django's SECRET_KEY is in ${keyFile}, which is committed with the site so that it starts on its first push. To keep it out of git: set the app setting DJANGO_SECRET_KEY to a new key (az webapp config appsettings set -g <resource-group> -n <site> --settings DJANGO_SECRET_KEY=<key>), then git rm ${keyFile}.`;
  }
}
