import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExistingSite } from '../site/existing.js';
import { armTemplateFile } from './arm-template.js';
import { linuxAppSettingsFile, linuxTemplateFile } from './linux.js';

/*
 * An existing site's App Service on Linux configuration, as its files hold it: the startup
 * command, the app settings and the health check path (what the doctor checks, and serve runs).
 */

/** The files a Linux site's startup command is found in: the ARM template's appCommandLine, or a startup file of the site (Microsoft's guide names startup.txt and startup.sh). */
const startupFiles = ['startup.txt', 'startup.sh'] as const;

/** What an ARM template of the site sets for a Linux site: its startup command, app settings and health check path. */
export interface LinuxSiteConfig {
  readonly from: string;
  readonly appCommandLine?: unknown;
  readonly appSettings?: unknown;
  readonly healthCheckPath?: unknown;
}

/** The site's Linux configuration in its ARM templates: the site's own (azure/azuredeploy.json), else a migrated site's (azure/linux/). */
export function linuxSiteConfigs(site: ExistingSite): LinuxSiteConfig[] {
  return [armTemplateFile, linuxTemplateFile].flatMap(file => {
    const template = path.join(site.folder, file);
    if (!existsSync(template)) return [];
    try {
      const parsed = JSON.parse(readFileSync(template, 'utf8')) as { resources?: { type?: string; properties?: { siteConfig?: Omit<LinuxSiteConfig, 'from'> } }[] };
      const siteConfig = parsed.resources?.find(resource => resource.type === 'Microsoft.Web/sites')?.properties?.siteConfig;
      return siteConfig ? [{ ...siteConfig, from: file }] : [];
    } catch {
      // Not JSON: the deployment check is not this one's.
      return [];
    }
  });
}

/** The site's startup command and where it was found, if it has one the doctor can read. */
export function linuxStartupCommand(site: ExistingSite): { command: string; from: string } | undefined {
  for (const config of linuxSiteConfigs(site)) {
    const command = config.appCommandLine;
    if (typeof command === 'string' && command.trim() !== '') return { command, from: `${config.from} (appCommandLine)` };
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
export function gunicornOption(words: readonly string[], long: string, short?: string): string | undefined {
  for (const [index, word] of words.entries()) {
    if (word.startsWith(`${long}=`)) return word.slice(long.length + 1);
    if (word === long || word === short) return words[index + 1];
    if (short && word.startsWith(short) && word.length > short.length && !word.startsWith('--')) return word.slice(short.length);
  }
  return undefined;
}

/** The site's lists of Linux app settings with where each is: the templates', then azure/linux/appsettings.json's. */
function appSettingsLists(site: ExistingSite): { from: string; settings: { name?: unknown; value?: unknown }[] }[] {
  const lists: { from: string; settings: unknown }[] = linuxSiteConfigs(site).map(config => ({ from: `${config.from} (appSettings)`, settings: config.appSettings }));
  const file = path.join(site.folder, linuxAppSettingsFile);
  if (existsSync(file)) {
    try {
      lists.push({ from: linuxAppSettingsFile, settings: JSON.parse(readFileSync(file, 'utf8')) });
    } catch {
      // Not JSON: az webapp config appsettings set refuses it itself.
    }
  }
  return lists.filter((list): list is { from: string; settings: { name?: unknown; value?: unknown }[] } => Array.isArray(list.settings));
}

/** The value the site's Linux app settings give `name` (the templates', else azure/linux/appsettings.json), and where; undefined where none is read. */
export function linuxSetting(site: ExistingSite, name: string): { value?: string; from: string } | undefined {
  const read = appSettingsLists(site);
  for (const { from, settings } of read) {
    const found = settings.find(setting => setting.name === name);
    if (found) return { value: String(found.value), from };
  }
  return read[0] && { from: read.map(list => list.from).join(' and ') };
}

/**
 * Every app setting the site's Linux configuration gives, by name: the templates' (values that
 * are ARM expressions left out), then azure/linux/appsettings.json's, which `az webapp config
 * appsettings set` applies over them.
 */
export function linuxAppSettings(site: ExistingSite): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const list of appSettingsLists(site)) {
    for (const { name, value } of list.settings) {
      if (typeof name === 'string' && value !== undefined && !String(value).startsWith('[')) settings[name] = String(value);
    }
  }
  return settings;
}
