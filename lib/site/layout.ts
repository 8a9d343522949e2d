import type { SiteAnswers } from '../answers/model.js';
import { findFramework } from '../catalog/frameworks.js';
import { customRuntime, findPythonRuntime, isAzureBuiltIn, scriptProcessor, type PythonRuntime, type WindowsRuntime } from '../catalog/runtimes.js';

export interface ModuleLayout {
  readonly module: string;
  readonly callable: string;
  /** The module's file, relative to the site root, / separated. */
  readonly moduleFile: string;
  /** What wfastcgi imports and calls: `<module>.<callable>`. */
  readonly wsgiHandler: string;
}

/**
 * Every value of a site on a Windows host that follows from the answers, computed in one
 * place: the module name decides PYTHONPATH and WSGI_HANDLER, the runtime decides both halves
 * of the script processor.
 */
export interface SiteLayout extends ModuleLayout {
  readonly runtime: WindowsRuntime;
  /** The site root on the server, e.g. D:\\home\\site\\wwwroot. */
  readonly siteRoot: string;
  /**
   * What wfastcgi adds to sys.path: `<site root>\\<module>`, and the site-packages of the
   * virtualenv Azure's deployment builds when the site has requirements.
   */
  readonly pythonPath: string;
  /** App settings the framework needs (DJANGO_SETTINGS_MODULE). */
  readonly frameworkSettings: readonly { name: string; value: string }[];
  readonly scriptProcessor: string;
}

export function moduleLayout({ module, callable, framework }: Pick<SiteAnswers, 'module' | 'callable' | 'framework'>): ModuleLayout {
  const chosen = findFramework(framework);
  return { module, callable, moduleFile: chosen.mainFile(module), wsgiHandler: chosen.wsgiHandler(module, callable) };
}

type RuntimeAnswers = Pick<SiteAnswers, 'python'> & Partial<Pick<SiteAnswers, 'interpreter' | 'wfastcgi'>>;

/** The Python the answers name: `--interpreter` and `--wfastcgi`, else a row of the runtime table. */
export function resolveRuntime(answers: RuntimeAnswers): PythonRuntime {
  if (answers.interpreter) return customRuntime(answers.interpreter, answers.wfastcgi ?? '');
  return findPythonRuntime(answers.python);
}

export function siteLayout(answers: Pick<SiteAnswers, 'module' | 'callable' | 'framework' | 'siteRoot'> & RuntimeAnswers): SiteLayout {
  const runtime = resolveRuntime(answers);
  if (runtime.os !== 'windows') throw new Error(`${runtime.label} does not run under IIS`);
  const framework = findFramework(answers.framework);
  const moduleFolder = windowsJoin(answers.siteRoot, answers.module);
  const virtualenv = framework.requirements.length > 0 && isAzureBuiltIn(runtime);
  return {
    ...moduleLayout(answers),
    runtime,
    siteRoot: answers.siteRoot,
    pythonPath: virtualenv ? `${moduleFolder};${windowsJoin(answers.siteRoot, 'env', 'Lib', 'site-packages')}` : moduleFolder,
    frameworkSettings: framework.appSettings(answers.module),
    scriptProcessor: scriptProcessor(runtime),
  };
}

/** Joins Windows path segments; a drive root such as `D:\` keeps its single backslash. */
export function windowsJoin(root: string, ...segments: string[]): string {
  return [root.replace(/\\$/, ''), ...segments].join('\\');
}
