import path from 'node:path';
import type { WebConfigLayout } from './web-config.js';

/**
 * The characters PowerShell ends a single-quoted string on: the ASCII ' and the typographic
 * single quotes U+2018 to U+201B, which it treats alike (about_Quoting_Rules). Inside the
 * string, each is written twice to stand for itself.
 */
export const powershellSingleQuotes: readonly string[] = ["'", '\u2018', '\u2019', '\u201A', '\u201B'];

/** `value` as a PowerShell single-quoted string: taken literally, with nothing expanded. */
export function powershellString(value: string): string {
  return `'${Array.from(value, character => (powershellSingleQuotes.includes(character) ? character + character : character)).join('')}'`;
}

/** The paths setup-iis.ps1 uses, as PowerShell string literals. */
export function powershellPaths(layout: WebConfigLayout) {
  return {
    interpreter: powershellString(layout.runtime.interpreter),
    wfastcgi: powershellString(layout.runtime.wfastcgi),
    siteRoot: powershellString(layout.siteRoot),
    logFolder: powershellString(layout.httpPlatform ? path.win32.dirname(layout.httpPlatform.stdoutLogFile) : ''),
  };
}
