import path from 'node:path';
import type { WebConfigLayout } from './web-config.js';

// A PowerShell single-quoted string takes everything literally but ', written twice.
const powershellString = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** The paths setup-iis.ps1 uses, as PowerShell string literals. */
export function powershellPaths(layout: WebConfigLayout) {
  return {
    interpreter: powershellString(layout.runtime.interpreter),
    wfastcgi: powershellString(layout.runtime.wfastcgi),
    siteRoot: powershellString(layout.siteRoot),
    logFolder: powershellString(layout.httpPlatform ? path.win32.dirname(layout.httpPlatform.stdoutLogFile) : ''),
  };
}
