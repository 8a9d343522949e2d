/**
 * Where a site runs, one row each: Azure App Service on Windows (IIS + FastCGI, the document's
 * host), Windows Server IIS on premises, or App Service on Linux (gunicorn, no IIS).
 */
export interface Host {
  readonly name: 'azure' | 'iis' | 'linux';
  readonly label: string;
  readonly os: 'windows' | 'linux';
  /** The site root the answers default to. */
  readonly siteRoot: (siteName: string) => string;
  /** The folder for logs (HttpPlatformHandler's stdout log). */
  readonly logFolder: string;
  /** The `--python` row a site gets by default; undefined: `--interpreter` names the Python. */
  readonly python?: string;
  /** The Python the answers default to when `--interpreter` names it. */
  readonly interpreter?: { readonly python: string; readonly wfastcgi: string };
}

export const hosts: readonly Host[] = [
  {
    name: 'azure',
    label: 'azure: Azure App Service on Windows (IIS, FastCGI or HttpPlatformHandler)',
    os: 'windows',
    siteRoot: () => 'D:\\home\\site\\wwwroot',
    logFolder: 'D:\\home\\LogFiles',
    python: '2.7',
  },
  {
    name: 'iis',
    label: 'iis: Windows Server with IIS, on premises (a Python you install)',
    os: 'windows',
    siteRoot: siteName => `C:\\inetpub\\${siteName}`,
    logFolder: 'C:\\inetpub\\logs\\python',
    interpreter: { python: 'C:\\Python312\\python.exe', wfastcgi: 'C:\\Python312\\Lib\\site-packages\\wfastcgi.py' },
  },
  {
    name: 'linux',
    label: 'linux: Azure App Service on Linux (gunicorn, no web.config)',
    os: 'linux',
    siteRoot: () => '/home/site/wwwroot',
    logFolder: '/home/LogFiles',
    python: '3.12',
  },
];

export type HostName = Host['name'];

export function findHost(name: string): Host {
  const host = hosts.find(candidate => candidate.name === name);
  if (!host) throw new Error(`Unknown host ${JSON.stringify(name)}`);
  return host;
}

/** How IIS runs Python: wfastcgi under the FastCGI module, or a Python web server under HttpPlatformHandler. */
export const serverChoices = [
  { value: 'fastcgi', label: 'fastcgi: IIS runs wfastcgi.py, which calls the WSGI callable (the document\'s set-up)' },
  { value: 'httpplatform', label: 'httpplatform: HttpPlatformHandler starts waitress and forwards every request to it' },
] as const;

export type Server = (typeof serverChoices)[number]['value'];
