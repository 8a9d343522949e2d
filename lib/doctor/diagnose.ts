import { existsSync } from 'node:fs';
import path from 'node:path';
import type { HostName } from '../answers/model.js';
import { findHost } from '../catalog/hosts.js';
import { iisSetupScript } from '../iis/names.js';
import { configuredAnswers } from '../site/detect.js';
import { readExistingSite, type ExistingSite } from '../site/existing.js';
import { check, type Check } from './check.js';
import { logChecks } from './logs.js';
import { branchCheck, deploymentFilesCheck, packageJsonCheck, requirementsCheck } from './checks/deployment.js';
import { httpPlatformChecks, platformAppCheck } from './checks/http-platform.js';
import { buildAutomationCheck, healthCheckCheck, startupCommandCheck } from './checks/linux.js';
import { dependenciesCheck, djangoSettingsCheck, importCheck, siteHostHeader } from './checks/python.js';
import {
  bothOptionsCheck,
  configurationCheck,
  handlerSettingCheck,
  rewriteRulesCheck,
  virtualenvProxyCheck,
  placeholderCheck,
  privateFilesCheck,
  pythonPathCheck,
  scriptProcessorCheck,
  webConfigChecks,
} from './checks/web-config.js';

export type { Check, CheckStatus, FileChange } from './check.js';

/**
 * Reads a site folder, generated or hand-written, and checks it for the known causes of a
 * Python site failing on Azure (or IIS): one Check each, in order. Changes nothing.
 */
export interface DiagnoseOptions {
  readonly host?: HostName;
  readonly hostHeader?: string;
  /** A folder or .zip of the site's downloaded logs, read for the known failure signatures. */
  readonly logs?: string;
  /** false: read the app's code only, never import it (importing runs the user's code). */
  readonly importApp?: boolean;
}

export function diagnose(folder: string, python = 'python3', options: DiagnoseOptions = {}): Check[] {
  return [...diagnoseSite(folder, python, options), ...(options.logs ? logChecks(options.logs) : [])];
}

function diagnoseSite(folder: string, python: string, options: DiagnoseOptions): Check[] {
  const site = withHost(readExistingSite(folder), options.host);
  const assumed = hostCheck(site);
  if (site.host === 'linux') {
    const linuxChecks = [startupCommandCheck(site), buildAutomationCheck(site), healthCheckCheck(site, options.importApp === false ? undefined : python)];
    return [check('host', 'pass', 'App Service on Linux: no web.config to check'), ...linuxChecks, packageJsonCheck(site), branchCheck(site)].filter(
      (found): found is Check => found !== undefined,
    );
  }
  const configuration = configurationCheck(site);
  // No configuration at all: what it would say (WSGI_HANDLER, PYTHONPATH) is missing because of that one cause.
  if (configuration.status === 'fail') {
    return [assumed, configuration, packageJsonCheck(site), dependenciesCheck(site, python), requirementsCheck(site), branchCheck(site)].filter((found): found is Check => found !== undefined);
  }
  // The checks of web.config's content need web.config read; the import, a PYTHONPATH that can hold it.
  const readable = site.webConfigError === undefined;
  const probingPython = options.importApp === false ? undefined : python;
  const hostHeader = siteHostHeader(site, options.hostHeader);
  const pythonPath = readable ? pythonPathCheck(site) : undefined;
  return [
    assumed,
    configuration,
    bothOptionsCheck(site),
    ...webConfigChecks(site),
    ...(readable ? [handlerSettingCheck(site), pythonPath, virtualenvProxyCheck(site), ...httpPlatformChecks(site)] : []),
    ...(readable && pythonPath?.status !== 'fail' ? [importCheck(site, probingPython, hostHeader), djangoSettingsCheck(site)] : []),
    ...(readable ? [platformAppCheck(site, probingPython, hostHeader)] : []),
    ...(readable ? [placeholderCheck(site), scriptProcessorCheck(site), rewriteRulesCheck(site), privateFilesCheck(site)] : []),
    packageJsonCheck(site),
    dependenciesCheck(site, python),
    requirementsCheck(site),
    deploymentFilesCheck(site),
    branchCheck(site),
  ].filter((found): found is Check => found !== undefined);
}

/**
 * The site with the host it runs on: `--host`, else .yo-rc.json's, else what the site says
 * (a site root or a Python outside D:\\home, as detection reads web.config; setup-iis.ps1).
 */
function withHost(site: ExistingSite, given: HostName | undefined): ExistingSite {
  // A host's own site root for this folder, when nothing places it.
  const rootOf = (host: HostName) => findHost(host).siteRoot(path.basename(site.folder));
  if (given) return { ...site, host: given, hostFrom: '--host', siteRoot: given === site.host ? site.siteRoot : rootOf(given) };
  if (site.hostFrom) return site;
  const configured = configuredAnswers(site).answers;
  if (existsSync(path.join(site.folder, iisSetupScript))) {
    return { ...site, host: 'iis', hostFrom: iisSetupScript, siteRoot: configured.siteRoot ?? rootOf('iis') };
  }
  if (configured.host && configured.host !== site.host) {
    // A server's site root that web.config does not place: PYTHONPATH's first folder is the best guess.
    const firstPath = (site.settings.PYTHONPATH ?? '').split(';')[0]!.trim().replace(/(?<=.)\\+$/, '');
    const guessed = configured.siteRoot ?? (/^[A-Za-z]:\\/.test(firstPath) ? firstPath : rootOf(configured.host));
    return { ...site, host: configured.host, hostFrom: "web.config's paths", siteRoot: guessed };
  }
  return configured.siteRoot ? { ...site, siteRoot: configured.siteRoot } : site;
}

/** Which host the checks judge the site against, and why: a site on a server of one's own is not held to Azure's paths. */
function hostCheck(site: ExistingSite): Check {
  const from = site.hostFrom ?? 'no sign of another host (--host iis or linux says otherwise)';
  return check('host', 'pass', `checked as a site on ${findHost(site.host).label.replace(/^\w+: /, '')}, site root ${site.siteRoot} (from ${from})`);
}
