import type { SiteAnswers } from './answers.js';
import { appSettingsFile, handlerMappingsFile, portalStepsFile } from './portal-settings.js';
import { moduleLayout } from './site.js';
import { handlerPlaceholder, staticSampleName } from './web-config.js';

export interface SiteFile {
  /** Relative to the site root, / separated. */
  readonly path: string;
  readonly purpose: string;
}

/** The files a site gets for these answers, each with what it is for. */
export function siteFiles(answers: Pick<SiteAnswers, 'module' | 'callable' | 'config' | 'routing' | 'staticDir' | 'git'>): SiteFile[] {
  const layout = moduleLayout(answers);
  const files: SiteFile[] = [{ path: layout.moduleFile, purpose: `the WSGI application (${layout.wsgiHandler})` }];
  if (answers.config === 'webconfig') {
    files.push({ path: 'web.config', purpose: 'Option 2: the Python handler, URL Rewrite rules and app settings for IIS' });
    if (answers.routing === 'rewrite') {
      files.push({ path: handlerPlaceholder, purpose: 'the empty file the handler is mapped to (FastCGI needs it to exist)' });
    }
    if (answers.staticDir) {
      files.push({ path: `${answers.staticDir}/${staticSampleName}`, purpose: 'a sample static file: IIS serves this folder itself' });
      if (answers.routing === 'wildcard') {
        files.push({ path: `${answers.staticDir}/web.config`, purpose: 'removes the Python handler in the static folder' });
      }
    }
  } else {
    files.push(
      { path: appSettingsFile, purpose: 'Option 1: the app settings, for az webapp config appsettings set' },
      { path: handlerMappingsFile, purpose: 'Option 1: the handler mapping, for az rest' },
      { path: portalStepsFile, purpose: 'Option 1: the portal steps, with the exact values' },
    );
  }
  if (answers.git) files.push({ path: '.gitignore', purpose: 'keeps bytecode, virtualenvs and secrets out of git' });
  files.push({ path: '.yo-rc.json', purpose: 'your answers, reused when a generator runs again' });
  return files;
}
