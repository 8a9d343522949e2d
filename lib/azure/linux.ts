import type { SiteAnswers } from '../answers/model.js';
import { findFramework } from '../catalog/frameworks.js';
import { findPythonRuntime } from '../catalog/runtimes.js';
import type { FileMerge } from '../engine/file-plan.js';
import type { AppAnswers } from '../site/layout.js';

/*
 * App Service on Linux, as Microsoft's documentation describes it ("Configure a Linux Python
 * app for Azure App Service"; "Configure a custom startup file for Python apps"; the
 * app-service-linux-docs repository's port guidance):
 * - the container runs the startup command in a shell, with the port to listen on in PORT
 *   (8000 unless WEBSITES_PORT says otherwise); a server bound to 127.0.0.1, or to another
 *   port, "didn't respond to HTTP pings";
 * - the front end ends a request after 230 seconds, whatever the app does;
 * - Oryx builds the site (requirements.txt, and Django's collectstatic) only with build
 *   automation on: SCM_DO_BUILD_DURING_DEPLOYMENT=true for a zip or Actions deployment;
 * - the site's host name is in WEBSITE_HOSTNAME; health checks (healthCheckPath) and warm-up
 *   requests come from the platform, with the instance's own address as their Host.
 */
export const appServiceLinux = {
  defaultPort: 8000,
  frontEndTimeoutSeconds: 230,
  // Just under the front end's limit: a worker stuck on a request the front end gave up on is restarted.
  gunicornTimeoutSeconds: 220,
  healthPath: '/healthz',
} as const;

/**
 * gunicorn's workers by App Service plan (gunicorn's own rule, 2 x cores + 1), as the app
 * setting WEB_CONCURRENCY that gunicorn reads for its default: the free and shared plans share
 * a core, B1/S1/P1v2 have one, P1v3 two, and so on.
 */
export const workersByPlan: Readonly<Record<string, number>> = {
  F1: 1,
  D1: 1,
  B1: 3,
  B2: 5,
  B3: 9,
  S1: 3,
  S2: 5,
  S3: 9,
  P1v2: 3,
  P2v2: 5,
  P3v2: 9,
  P1v3: 5,
  P2v3: 9,
  P3v3: 17,
};

/** The plans without Always On (they unload an idle site). */
export const plansWithoutAlwaysOn: readonly string[] = ['F1', 'D1'];

/**
 * The startup command App Service on Linux runs: gunicorn on every address and the port the
 * platform gives (8000 when none is given, as locally), with a timeout under the front end's, in
 * the module's folder, serving <module>:<callable>. The worker count comes from WEB_CONCURRENCY.
 */
export function startupCommand(answers: AppAnswers): string {
  return gunicornCommand(findFramework(answers.framework).serverTarget(answers.module, answers.callable), {
    // An ASGI app: gunicorn manages uvicorn's workers (uvicorn's own deployment guide).
    workerClass: answers.framework === 'asgi' ? asgiWorkerClass : undefined,
    chdir: answers.moduleDir === '.' ? undefined : answers.moduleDir,
  });
}

/**
 * gunicorn serving `target` as App Service on Linux needs it: every address on the platform's
 * port (8000 when none is given, as locally), a timeout under the front end's, then the worker
 * class, the folder to start in and the import path asked for.
 */
export function gunicornCommand(target: string, options: { workerClass?: string; chdir?: string; pythonPath?: string } = {}): string {
  const bind = `--bind=0.0.0.0:\${PORT:-${appServiceLinux.defaultPort}}`;
  const workers = options.workerClass ? ` -k ${options.workerClass}` : '';
  const chdir = options.chdir ? ` --chdir ${options.chdir}` : '';
  const pythonPath = options.pythonPath ? ` --pythonpath ${options.pythonPath}` : '';
  return `gunicorn ${bind} --timeout ${appServiceLinux.gunicornTimeoutSeconds}${workers}${chdir}${pythonPath} ${target}`;
}

export const asgiWorkerClass = 'uvicorn.workers.UvicornWorker';

/**
 * The app settings a Linux site needs that hold no secret, as `az webapp config appsettings set
 * --settings @<file>` reads them; `workers` is gunicorn's worker count (B1's by default; the ARM
 * template gives its expression of the plan chosen, the README its words).
 */
export function linuxAppSettings(workers = String(workersByPlan.B1)): { name: string; value: string; slotSetting: boolean }[] {
  return [
    // Oryx installs requirements.txt (and runs Django's collectstatic) at deployment: without it, ModuleNotFoundError at start.
    { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true', slotSetting: false },
    { name: 'WEB_CONCURRENCY', value: workers, slotSetting: false },
  ];
}

// Not azure/appsettings.json, Option 1's portal settings on Windows: the doctor reads that one as such.
export const linuxAppSettingsFile = 'azure/linux/appsettings.json';
/** A migrated site's ARM template: beside the Windows one (azure/azuredeploy.json), which stays valid. */
export const linuxTemplateFile = 'azure/linux/azuredeploy.json';

/** The Azure CLI commands that set the runtime, the startup command and the app settings of a Linux site. */
export function linuxCommands(answers: AppAnswers & Pick<SiteAnswers, 'siteName' | 'python'>, command = startupCommand(answers)): string[] {
  const runtime = findPythonRuntime(answers.python);
  if (runtime?.os !== 'linux') throw new Error(`Python ${answers.python} is not a runtime of App Service on Linux`);
  const site = `-g <resource-group> -n ${answers.siteName}`;
  return [
    `az webapp config set ${site} --linux-fx-version "${runtime.linuxFxVersion}"`,
    `az webapp config set ${site} --startup-file ${shellQuoted(command)}`,
    `az webapp config appsettings set ${site} --settings @${linuxAppSettingsFile}`,
  ];
}

/** `text` as one word of a POSIX shell: in single quotes, each of its own single quotes closed, escaped and reopened. */
function shellQuoted(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/**
 * The app settings file (az webapp config appsettings set's JSON array) with the settings the
 * site needs added: the user's own settings, and their values for these, stay as they are.
 */
export function mergeAppSettingsFile(existing: string, generated: string): FileMerge {
  let current: unknown;
  try {
    current = JSON.parse(existing);
  } catch (error) {
    throw new Error(`${linuxAppSettingsFile} is not JSON (${(error as Error).message}): correct it, then run again; it was left as it is.`);
  }
  if (!Array.isArray(current) || !current.every(item => typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string')) {
    throw new Error(`${linuxAppSettingsFile} is not a list of { "name": ..., "value": ... } settings: correct it, then run again; it was left as it is.`);
  }
  const names = new Set((current as { name: string }[]).map(item => item.name));
  const missing = (JSON.parse(generated) as { name: string }[]).filter(item => !names.has(item.name));
  if (missing.length === 0) return { text: existing, change: 'none', changes: [] };
  const indent = /^\[\s*\n([ \t]+)/.exec(existing)?.[1]?.length ?? 2;
  return {
    text: `${JSON.stringify([...(current as object[]), ...missing], undefined, indent)}\n`,
    change: 'addition',
    changes: missing.map(item => ({ kind: 'addition' as const, description: `adds the app setting ${item.name}` })),
  };
}
