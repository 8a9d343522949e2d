import type { SiteAnswers } from '../answers/model.js';
import { findFramework } from '../catalog/frameworks.js';
import { findPythonRuntime } from '../catalog/runtimes.js';
import type { AppAnswers } from '../site/layout.js';

/** The startup command App Service on Linux runs: gunicorn, in the module's folder, serving <module>:<callable>. */
export function startupCommand(answers: AppAnswers): string {
  const chdir = answers.moduleDir === '.' ? '' : ` --chdir ${answers.moduleDir}`;
  return `gunicorn --bind=0.0.0.0${chdir} ${findFramework(answers.framework).serverTarget(answers.module, answers.callable)}`;
}

/** The Azure CLI commands that set the runtime and the startup command of a Linux site. */
export function linuxCommands(answers: AppAnswers & Pick<SiteAnswers, 'siteName' | 'python'>): string[] {
  const runtime = findPythonRuntime(answers.python);
  if (runtime?.os !== 'linux') throw new Error(`Python ${answers.python} is not a runtime of App Service on Linux`);
  const site = `-g <resource-group> -n ${answers.siteName}`;
  return [
    `az webapp config set ${site} --linux-fx-version "${runtime.linuxFxVersion}"`,
    `az webapp config set ${site} --startup-file "${startupCommand(answers)}"`,
  ];
}
