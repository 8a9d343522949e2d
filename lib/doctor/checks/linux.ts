import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { armTemplateFile } from '../../azure/arm-template.js';
import { appServiceLinux } from '../../azure/linux.js';
import type { ExistingSite } from '../../site/existing.js';
import { check, type Check } from '../check.js';

/** The files a Linux site's startup command is found in: the ARM template's appCommandLine, or a startup file of the site (Microsoft's guide names startup.txt and startup.sh). */
const startupFiles = ['startup.txt', 'startup.sh'] as const;

/** The site's startup command and where it was found, if it has one the doctor can read. */
function startupCommandOf(site: ExistingSite): { command: string; from: string } | undefined {
  const template = path.join(site.folder, armTemplateFile);
  if (existsSync(template)) {
    try {
      const parsed = JSON.parse(readFileSync(template, 'utf8')) as { resources?: { type?: string; properties?: { siteConfig?: { appCommandLine?: unknown } } }[] };
      const command = parsed.resources?.find(resource => resource.type === 'Microsoft.Web/sites')?.properties?.siteConfig?.appCommandLine;
      if (typeof command === 'string' && command.trim() !== '') return { command, from: `${armTemplateFile} (appCommandLine)` };
    } catch {
      // Not JSON: the deployment check is not this one's.
    }
  }
  for (const file of startupFiles) {
    const full = path.join(site.folder, file);
    if (!existsSync(full)) continue;
    const line = readFileSync(full, 'utf8').split(/\r?\n/).map(text => text.trim()).find(text => /^gunicorn\b/.test(text));
    if (line) return { command: line, from: file };
  }
  return undefined;
}

/** gunicorn's value of an option (`--bind=x`, `--bind x`, `-b x`), or undefined. */
function optionValue(words: readonly string[], long: string, short: string): string | undefined {
  for (const [index, word] of words.entries()) {
    if (word.startsWith(`${long}=`)) return word.slice(long.length + 1);
    if (word === long || word === short) return words[index + 1];
    if (word.startsWith(short) && word.length > short.length && !word.startsWith('--')) return word.slice(short.length);
  }
  return undefined;
}

/**
 * App Service on Linux's most reported start-up failures, in a gunicorn startup command: bound to
 * 127.0.0.1 (gunicorn's default without --bind), so the platform's pings on the site's port never
 * arrive ("didn't respond to HTTP pings on port: 8000"); a port other than PORT's; a timeout at or
 * past the front end's 230 s, which ends the request first.
 */
export function startupCommandCheck(site: ExistingSite): Check | undefined {
  const found = startupCommandOf(site);
  if (!found || !/^gunicorn\b/.test(found.command.trim())) return undefined;
  const words = found.command.trim().split(/\s+/);
  const fix = `bind every address on the platform's port: --bind=0.0.0.0:\${PORT:-${appServiceLinux.defaultPort}}`;
  const bind = optionValue(words, '--bind', '-b');
  if (bind === undefined) {
    return check('startup-command', 'fail', `the startup command in ${found.from} has no --bind: gunicorn listens on 127.0.0.1:8000, which App Service's pings never reach ("didn't respond to HTTP pings")`, fix);
  }
  // host[:port], [v6]:port; the port may be a shell expression (${PORT:-8000}).
  const hostEnd = bind.startsWith('[') ? bind.indexOf(']') + 1 : bind.indexOf(':') < 0 ? bind.length : bind.indexOf(':');
  const host = bind.slice(0, hostEnd);
  const port = hostEnd < bind.length ? bind.slice(hostEnd + 1) : undefined;
  if (['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
    return check('startup-command', 'fail', `the startup command in ${found.from} binds ${bind}: only the container itself reaches it, and App Service's pings fail`, fix);
  }
  if (port !== undefined && !/\$\{?PORT\b/.test(port) && port !== String(appServiceLinux.defaultPort)) {
    return check('startup-command', 'warn', `the startup command in ${found.from} listens on port ${port}, not the one App Service gives in PORT (${appServiceLinux.defaultPort} unless WEBSITES_PORT says otherwise)`, fix);
  }
  const timeout = Number(optionValue(words, '--timeout', '-t'));
  if (Number.isFinite(timeout) && timeout >= appServiceLinux.frontEndTimeoutSeconds) {
    return check(
      'startup-command',
      'warn',
      `the startup command in ${found.from} lets a request run ${timeout} s: App Service's front end ends it at ${appServiceLinux.frontEndTimeoutSeconds} s, and the worker stays busy`,
      `--timeout ${appServiceLinux.gunicornTimeoutSeconds} (under ${appServiceLinux.frontEndTimeoutSeconds} s), with long work moved out of the request`,
    );
  }
  return check('startup-command', 'pass', `the startup command in ${found.from} binds ${bind} with a timeout App Service's front end allows`);
}
