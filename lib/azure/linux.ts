import type { SiteAnswers } from '../answers/model.js';
import { findFramework } from '../catalog/frameworks.js';
import { findPythonRuntime } from '../catalog/runtimes.js';

/** The startup command App Service on Linux runs: gunicorn, in the module's folder, serving <module>:<callable>. */
export function startupCommand(answers: Pick<SiteAnswers, 'module' | 'callable' | 'framework'>): string {
  return `gunicorn --bind=0.0.0.0 --chdir ${answers.module} ${findFramework(answers.framework).serverTarget(answers.module, answers.callable)}`;
}

/** The Azure CLI commands that set the runtime and the startup command of a Linux site. */
export function linuxCommands(answers: Pick<SiteAnswers, 'siteName' | 'module' | 'callable' | 'framework' | 'python'>): string[] {
  const runtime = findPythonRuntime(answers.python);
  if (runtime?.os !== 'linux') throw new Error(`Python ${answers.python} is not a runtime of App Service on Linux`);
  const site = `-g <resource-group> -n ${answers.siteName}`;
  return [
    `az webapp config set ${site} --linux-fx-version "${runtime.linuxFxVersion}"`,
    `az webapp config set ${site} --startup-file "${startupCommand(answers)}"`,
  ];
}
