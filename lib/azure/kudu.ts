import type { SiteAnswers } from '../answers/model.js';
import { findHost } from '../catalog/hosts.js';
import type { FileMerge, PlannedFile } from '../engine/file-plan.js';

/*
 * Kudu, the deployment engine of App Service on Windows, picks how to build a site by its files:
 * a package.json in the root makes it a Node.js site (npm install, and iisnode's web.config).
 * `.deployment` holds settings for that choice; SCM_SCRIPT_GENERATOR_ARGS=--python makes it
 * build the site as Python whatever else the root holds.
 */

export const deploymentFile = '.deployment';
export const scriptGeneratorSetting = 'SCM_SCRIPT_GENERATOR_ARGS';
export const pythonScriptGenerator = '--python';

/** The value .deployment's [config] section gives `setting`, or undefined. */
export function deploymentSetting(text: string, setting: string): string | undefined {
  let inConfig = false;
  for (const line of text.split(/\r?\n/)) {
    const section = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (section) inConfig = section[1]!.trim().toLowerCase() === 'config';
    const entry = /^\s*([^=#;\s]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (inConfig && entry && entry[1]!.toUpperCase() === setting.toUpperCase()) return entry[2];
  }
  return undefined;
}

/** Adds the Python script generator to a .deployment without it; one that names another is the user's choice, and a conflict. */
export function mergeDeployment(existing: string): FileMerge {
  const current = deploymentSetting(existing, scriptGeneratorSetting);
  if (current === pythonScriptGenerator) return { text: existing, change: 'none', changes: [] };
  const line = `${scriptGeneratorSetting}=${pythonScriptGenerator}`;
  if (current !== undefined) {
    const text = existing.replace(new RegExp(`^(\\s*${scriptGeneratorSetting}\\s*=).*$`, 'mi'), `$1${pythonScriptGenerator}`);
    return { text, change: 'modification', changes: [{ kind: 'modification', description: `${scriptGeneratorSetting}=${pythonScriptGenerator} (was ${current})` }] };
  }
  const newline = existing.includes('\r\n') ? '\r\n' : '\n';
  const configHeader = /^([ \t]*\[config\][ \t]*)(\r?)$/im;
  const withConfig = configHeader.test(existing)
    ? existing.replace(configHeader, `$1$2\n${line}$2`)
    : `${existing}${existing === '' || existing.endsWith('\n') ? '' : newline}[config]${newline}${line}${newline}`;
  return { text: withConfig, change: 'addition', changes: [{ kind: 'addition', description: line }] };
}

/**
 * `.deployment` for a site on App Service on Windows whose root holds the user's package.json
 * (a front end's tooling, say): without it, Kudu would deploy the site as Node.js.
 */
export function deploymentPlan(answers: Pick<SiteAnswers, 'host'>, holdsUserFile: ((path: string) => boolean) | undefined): PlannedFile[] {
  const host = findHost(answers.host);
  if (!host.onAzure || host.os !== 'windows' || !holdsUserFile?.('package.json')) return [];
  return [
    {
      path: deploymentFile,
      kind: 'merged',
      generated: `[config]\n${scriptGeneratorSetting}=${pythonScriptGenerator}\n`,
      merge: mergeDeployment,
      purpose: "makes Azure's deployment build the site as Python, though package.json is in the root",
    },
  ];
}
