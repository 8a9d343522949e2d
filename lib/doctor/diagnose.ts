import { readExistingSite } from '../site/existing.js';
import { check, type Check } from './check.js';
import { branchCheck, packageJsonCheck, requirementsCheck } from './checks/deployment.js';
import { importCheck } from './checks/python.js';
import {
  configurationCheck,
  handlerSettingCheck,
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
export function diagnose(folder: string, python = 'python3'): Check[] {
  const site = readExistingSite(folder);
  if (site.host === 'linux') {
    return [check('host', 'pass', 'App Service on Linux: no web.config to check'), packageJsonCheck(site), branchCheck(site)].filter(
      (found): found is Check => found !== undefined,
    );
  }
  // The checks of web.config's content need web.config read; the import, a PYTHONPATH that can hold it.
  const readable = site.webConfigError === undefined;
  const pythonPath = readable ? pythonPathCheck(site) : undefined;
  return [
    configurationCheck(site),
    ...webConfigChecks(site),
    ...(readable ? [handlerSettingCheck(site), pythonPath] : []),
    ...(readable && pythonPath?.status !== 'fail' ? [importCheck(site, python)] : []),
    ...(readable ? [placeholderCheck(site), scriptProcessorCheck(site), privateFilesCheck(site)] : []),
    packageJsonCheck(site),
    requirementsCheck(site),
    branchCheck(site),
  ].filter((found): found is Check => found !== undefined);
}
