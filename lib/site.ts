import type { SiteAnswers } from './answers.js';
import { findPythonRuntime, scriptProcessor, type PythonRuntime } from './runtimes.js';

export interface ModuleLayout {
  readonly module: string;
  readonly callable: string;
  /** The module's file, relative to the site root, / separated. */
  readonly moduleFile: string;
  /** What wfastcgi imports and calls: `<module>.<callable>`. */
  readonly wsgiHandler: string;
}

/**
 * Every value of a site that follows from the answers, computed in one place: the module name
 * decides PYTHONPATH and WSGI_HANDLER, the runtime decides both halves of the script processor.
 */
export interface SiteLayout extends ModuleLayout {
  readonly runtime: PythonRuntime;
  /** The folder wfastcgi adds to sys.path: `<site root>\<module>`. */
  readonly pythonPath: string;
  readonly scriptProcessor: string;
}

export function moduleLayout({ module, callable }: Pick<SiteAnswers, 'module' | 'callable'>): ModuleLayout {
  return { module, callable, moduleFile: `${module}/${module}.py`, wsgiHandler: `${module}.${callable}` };
}

export function siteLayout(answers: Pick<SiteAnswers, 'module' | 'callable' | 'python' | 'siteRoot'>): SiteLayout {
  const runtime = findPythonRuntime(answers.python);
  if (!runtime) throw new Error(`Unknown Python runtime ${JSON.stringify(answers.python)}`);
  return {
    ...moduleLayout(answers),
    runtime,
    pythonPath: windowsJoin(answers.siteRoot, answers.module),
    scriptProcessor: scriptProcessor(runtime),
  };
}

/** Joins Windows path segments; a drive root such as `D:\` keeps its single backslash. */
export function windowsJoin(root: string, ...segments: string[]): string {
  return [root.replace(/\\$/, ''), ...segments].join('\\');
}
