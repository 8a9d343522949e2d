import { existsSync } from 'node:fs';
import path from 'node:path';
import { appServiceLinux } from '../../azure/linux.js';
import { gunicornOption, linuxSetting, linuxSiteConfigs, linuxStartupCommand } from '../../azure/linux-site.js';
import type { ExistingSite } from '../../site/existing.js';
import { probeWsgi } from './python.js';
import { check, type Check } from '../check.js';

/**
 * App Service on Linux's most reported start-up failures, in a gunicorn startup command: bound to
 * 127.0.0.1 (gunicorn's default without --bind), so the platform's pings on the site's port never
 * arrive ("didn't respond to HTTP pings on port: 8000"); a port other than PORT's; a timeout at or
 * past the front end's 230 s, which ends the request first.
 */
export function startupCommandCheck(site: ExistingSite): Check | undefined {
  const found = linuxStartupCommand(site);
  if (!found || !/^gunicorn\b/.test(found.command.trim())) return undefined;
  const words = found.command.trim().split(/\s+/);
  const fix = `bind every address on the platform's port: --bind=0.0.0.0:\${PORT:-${appServiceLinux.defaultPort}}`;
  const bind = gunicornOption(words, '--bind', '-b');
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
  const timeout = Number(gunicornOption(words, '--timeout', '-t'));
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

/**
 * App Service on Linux installs requirements.txt only when its build runs (Oryx, with
 * SCM_DO_BUILD_DURING_DEPLOYMENT on for a zip or Actions deployment): without it the site starts
 * with none of its packages, and fails with ModuleNotFoundError.
 */
export function buildAutomationCheck(site: ExistingSite): Check | undefined {
  if (!existsSync(path.join(site.folder, 'requirements.txt'))) return undefined;
  const setting = linuxSetting(site, 'SCM_DO_BUILD_DURING_DEPLOYMENT');
  if (!setting) return undefined;
  const fix = `set SCM_DO_BUILD_DURING_DEPLOYMENT to true in the site's app settings (az webapp config appsettings set -g <resource-group> -n <site> --settings SCM_DO_BUILD_DURING_DEPLOYMENT=true)`;
  if (setting.value === undefined) {
    return check('build-automation', 'warn', `${setting.from} sets no SCM_DO_BUILD_DURING_DEPLOYMENT: a zip or Actions deployment then installs nothing of requirements.txt, and the app stops with ModuleNotFoundError`, fix);
  }
  if (!['true', '1'].includes(setting.value.toLowerCase())) {
    return check('build-automation', 'fail', `${setting.from} sets SCM_DO_BUILD_DURING_DEPLOYMENT to ${setting.value}: requirements.txt is never installed, and the app stops with ModuleNotFoundError`, fix);
  }
  return check('build-automation', 'pass', `${setting.from} turns App Service's build on: requirements.txt is installed at each deployment`);
}

/** An address App Service's own requests come from, with the instance's port: what its health checks carry as their Host. */
export const platformProbeHost = '169.254.129.3:8000';

/**
 * The health check path the template sets must be answered with a 200, whatever the Host: App
 * Service's probes name the instance, not the site, and an app whose ALLOWED_HOSTS (or routes)
 * refuse them has its instances taken out of rotation. Calls the startup command's app once
 * with the local Python (which runs the user's code) unless `python` is undefined.
 */
export function healthCheckCheck(site: ExistingSite, python: string | undefined): Check | undefined {
  const config = linuxSiteConfigs(site).find(candidate => typeof candidate.healthCheckPath === 'string');
  const startup = linuxStartupCommand(site);
  if (!config || !startup) return undefined;
  const healthPath = config.healthCheckPath as string;
  const words = startup.command.trim().split(/\s+/);
  const target = words.at(-1)!.replace(/^'(.*)'$/, '$1');
  const [module, attribute] = target.split(':');
  if (!module || !attribute || python === undefined) return undefined;
  const folders = [gunicornOption(words, '--chdir'), ...(gunicornOption(words, '--pythonpath') ?? '').split(',')]
    .filter((entry): entry is string => entry !== undefined && entry !== '')
    .map(entry => path.join(site.folder, entry));
  const probe = probeWsgi(python, [...folders, site.folder], `${module}.${attribute}`, {}, platformProbeHost, healthPath);
  if (!probe || probe.status === 'import-error') return undefined;
  const answered = /^\d{3}/.exec(probe.detail)?.[0];
  if (probe.status === 'ok' && answered === '200') return check('health-check', 'pass', `${target} answers the health check ${healthPath} with 200 for a platform probe (Host ${platformProbeHost})`);
  const why = probe.status === 'bad-host' ? "the app refuses the probe's Host (Django's ALLOWED_HOSTS)" : `it answered ${probe.detail || probe.status}`;
  return check(
    'health-check',
    'fail',
    `${config.from} sets healthCheckPath ${healthPath}, and ${target} does not answer it with 200 for a platform probe (Host ${platformProbeHost}): ${why}. App Service takes the instances out of rotation`,
    `answer ${healthPath} before any host check (npx generator-azure-python migrate writes linux_app.py, which does), or remove healthCheckPath`,
  );
}
