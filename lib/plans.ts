import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { SiteAnswers } from './answers.js';
import type { FileMerge, PlannedFile } from './file-plan.js';
import { withIgnoreEntries } from './gitignore.js';
import {
  appSettings,
  appSettingsFile,
  handlerMappingsFile,
  handlerMappingsPatch,
  portalCommands,
  portalStepsFile,
  toJsonFile,
} from './portal-settings.js';
import { findFramework } from './frameworks.js';
import { moduleLayout, siteLayout } from './site.js';
import { armTemplate, armTemplateFile } from './arm-template.js';
import { siteReadmeData } from './site-readme.js';
import { renderTemplate } from './templates.js';

export const siteReadmeFile = 'README.md';
import { mergeRequirements, requirementsText, siteDependencies } from './requirements.js';
import { iisSetupScript, mergeWebConfig, routingFiles, webConfigLayout, webConfigTemplates } from './web-config.js';

/**
 * The files each generator writes for a set of answers, from the packaged templates or those
 * of a --templates overlay. Rendered for the answers of this run
 * and for those of the previous one, they tell a file the generator wrote (and may update)
 * from one the user edited (see lib/file-plan.ts).
 */
export function modulePlan(answers: Pick<SiteAnswers, 'module' | 'callable' | 'framework' | 'staticDir'>, overlay?: string): PlannedFile[] {
  const data = { ...moduleLayout(answers), staticDir: answers.staticDir };
  const files: PlannedFile[] = findFramework(answers.framework)
    .files(answers.module)
    .map(file => ({ path: file.path, kind: 'generated', contents: renderTemplate('module', file.template, data, overlay) }));
  if (answers.framework === 'django') {
    // Like django-admin startproject, a key of its own; written once, and kept.
    files.push({ path: `${answers.module}/${answers.module}/secret.py`, kind: 'placeholder', contents: `SECRET_KEY = '${randomBytes(32).toString('hex')}'\n` });
  }
  return files;
}

/** requirements.txt and runtime.txt, as siteDependencies says. */
export function dependenciesPlan(answers: Pick<SiteAnswers, 'framework' | 'host' | 'server' | 'python' | 'interpreter' | 'wfastcgi'>): PlannedFile[] {
  const { lines, runtimeTxt } = siteDependencies(answers);
  if (lines.length === 0) return [];
  return [...requirementsPlan(lines), ...(runtimeTxt ? [{ path: 'runtime.txt', kind: 'placeholder' as const, contents: runtimeTxt }] : [])];
}

export function webConfigPlan(answers: SiteAnswers, overlay?: string): PlannedFile[] {
  const layout = webConfigLayout(answers);
  return [
    ...webConfigTemplates(answers).map(
      (file): PlannedFile => ({
        path: file.path,
        kind: 'merged',
        generated: renderTemplate('webconfig', file.template, layout, overlay),
        merge: (existing, generated) => mergeWebConfig(existing, generated, file.path),
      }),
    ),
    ...routingFiles(answers).map((file): PlannedFile => ({ ...file, kind: 'placeholder' })),
    ...dependenciesPlan(answers),
    ...(answers.host === 'iis'
      ? [{ path: iisSetupScript, kind: 'generated' as const, contents: renderTemplate('webconfig', 'setup-iis.ps1.ejs', { ...layout, powershell: powershellPaths(layout) }, overlay) }]
      : []),
  ];
}

/** requirements.txt: the packages the site needs, added to an existing one without changing it. */
export function requirementsPlan(lines: readonly string[]): PlannedFile[] {
  return [{ path: 'requirements.txt', kind: 'merged', generated: requirementsText(lines), merge: mergeRequirements }];
}

// A PowerShell single-quoted string takes everything literally but ', written twice.
const powershellString = (value: string) => `'${value.replaceAll("'", "''")}'`;

function powershellPaths(layout: ReturnType<typeof webConfigLayout>) {
  return {
    interpreter: powershellString(layout.runtime.interpreter),
    wfastcgi: powershellString(layout.runtime.wfastcgi),
    siteRoot: powershellString(layout.siteRoot),
    logFolder: powershellString(layout.httpPlatform ? path.win32.dirname(layout.httpPlatform.stdoutLogFile) : ''),
  };
}

export function portalPlan(answers: SiteAnswers, overlay?: string): PlannedFile[] {
  const layout = siteLayout(answers);
  const settings = appSettings(layout, answers.wsgiLog);
  const steps = renderTemplate('portal', 'portal-steps.md.ejs', {
    ...layout,
    siteName: answers.siteName,
    settings,
    commands: portalCommands(answers.siteName, layout),
    appSettingsFile,
    handlerMappingsFile,
  }, overlay);
  return [
    ...dependenciesPlan(answers),
    { path: appSettingsFile, kind: 'generated', contents: toJsonFile(settings) },
    { path: handlerMappingsFile, kind: 'generated', contents: toJsonFile(handlerMappingsPatch(layout)) },
    { path: portalStepsFile, kind: 'generated', contents: steps },
  ];
}

/** azure/azuredeploy.json: the ARM template that creates the site. */
export function provisionPlan(answers: SiteAnswers): PlannedFile[] {
  return [{ path: armTemplateFile, kind: 'generated', contents: toJsonFile(armTemplate(answers)) }];
}

/** README.md: the site's own notes. A README.md of the project's own is never replaced. */
export function readmePlan(answers: SiteAnswers, overlay?: string): PlannedFile[] {
  const contents = renderTemplate('readme', 'README.md.ejs', siteReadmeData(answers), overlay);
  return [{ path: siteReadmeFile, kind: 'generated', contents, userFileWins: true }];
}

/** .gitignore: the generator's entries that an existing one lacks are appended; nothing is ever changed. */
export function gitignorePlan(_answers: SiteAnswers, overlay?: string): PlannedFile[] {
  const merge = (existing: string, generated: string): FileMerge => {
    const text = withIgnoreEntries(generated, existing);
    return { text, change: text === existing ? 'none' : 'addition', changes: [] };
  };
  return [{ path: '.gitignore', kind: 'merged', generated: renderTemplate('git', 'gitignore', {}, overlay), merge }];
}
