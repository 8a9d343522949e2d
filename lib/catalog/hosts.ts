import type { HostName } from '../answers/model.js';
import { findRow } from './lookup.js';

/**
 * Where a site runs, one row each: Azure App Service on Windows (IIS + FastCGI, the document's
 * host), Windows Server IIS on premises, or App Service on Linux (gunicorn, no IIS).
 */
export interface Host {
  readonly name: HostName;
  readonly label: string;
  /** The host in today's words, and who it is for: the first question's choice. */
  readonly choice: string;
  /** The same in a few words, for --help. */
  readonly short: string;
  readonly os: 'windows' | 'linux';
  /** The site root the answers default to. */
  readonly siteRoot: (siteName: string) => string;
  /** The folder for logs (HttpPlatformHandler's stdout log). */
  readonly logFolder: string;
  /** The `--python` row a site gets by default; undefined: `--interpreter` names the Python. */
  readonly python?: string;
  /** The Python the answers default to when `--interpreter` names it. */
  readonly interpreter?: { readonly python: string; readonly wfastcgi: string };
  /** Whether Azure App Service runs it: an ARM template creates the site, and Azure's deployment builds its Python. */
  readonly onAzure: boolean;
  /** Whether the server's administrator sets IIS up (setup-iis.ps1): a server of one's own. */
  readonly setupScript: boolean;
}

export const hosts: readonly Host[] = [
  {
    name: 'azure',
    label: 'azure: Azure App Service on Windows (IIS, FastCGI or HttpPlatformHandler)',
    choice: 'Azure App Service on Windows: a legacy site (Azure no longer offers Python there to new sites)',
    short: 'Windows App Service, legacy',
    os: 'windows',
    siteRoot: () => 'D:\\home\\site\\wwwroot',
    logFolder: 'D:\\home\\LogFiles',
    python: '2.7',
    onAzure: true,
    setupScript: false,
  },
  {
    name: 'iis',
    label: 'iis: Windows Server with IIS, on premises (a Python you install)',
    choice: 'IIS on your own Windows Server: a Python you install, under FastCGI or HttpPlatformHandler',
    short: 'your own server',
    os: 'windows',
    siteRoot: siteName => `C:\\inetpub\\${siteName}`,
    logFolder: 'C:\\inetpub\\logs\\python',
    interpreter: { python: 'C:\\Python312\\python.exe', wfastcgi: 'C:\\Python312\\Lib\\site-packages\\wfastcgi.py' },
    onAzure: false,
    setupScript: true,
  },
  {
    name: 'linux',
    label: 'linux: Azure App Service on Linux (gunicorn, no web.config)',
    choice: 'App Service on Linux: a new Azure site (gunicorn, no web.config)',
    short: 'a new Azure site',
    os: 'linux',
    siteRoot: () => '/home/site/wwwroot',
    logFolder: '/home/LogFiles',
    python: '3.12',
    onAzure: true,
    setupScript: false,
  },
];

/** The order the first question lists them in: where a new site goes first, the legacy host last. */
export const hostChoiceOrder: readonly HostName[] = ['linux', 'iis', 'azure'];

/** What a site on Windows App Service should know: said at the runtime question, in --help and the end message. */
export const windowsAppServiceToday = 'Azure no longer offers Python on Windows App Service to new sites: a new site belongs on App Service on Linux (--host linux)';
/** What a generated Windows site is told at the end of the run: the way there. */
export const windowsSiteMoves = `${windowsAppServiceToday}, and an existing one moves there with generator-azure-python migrate`;

export function findHost(name: HostName): Host {
  return findRow(hosts, 'name', name, 'host');
}
