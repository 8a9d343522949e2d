import { findRow } from './lookup.js';

/**
 * The Python runtimes a site can run on, one row each: adding a runtime is adding a row. A
 * Windows row decides both halves of the FastCGI script processor (and HttpPlatformHandler's
 * processPath); a Linux row, App Service's `--linux-fx-version`.
 */
export interface WindowsRuntime {
  readonly os: 'windows';
  /** What the user types after `--python`, and what `.yo-rc.json` keeps. */
  readonly version: string;
  readonly label: string;
  /** Absolute Windows path of python.exe: the FastCGI application's `fullPath`. */
  readonly interpreter: string;
  /** Absolute Windows path of wfastcgi.py: the FastCGI application's `arguments`. */
  readonly wfastcgi: string;
  /** The Azure site extension that installs it, or undefined for Azure's built-in Pythons. */
  readonly siteExtension?: string;
  /** false for a site extension Azure no longer offers: known to the doctor and accepted, never listed. */
  readonly offered?: false;
}

export interface LinuxRuntime {
  readonly os: 'linux';
  readonly version: string;
  readonly label: string;
  /** App Service on Linux's runtime stack, as `az webapp config set --linux-fx-version` takes it. */
  readonly linuxFxVersion: string;
  /** false for a version past its end of life, which App Service no longer offers a new site: accepted (a kept .yo-rc.json still runs), never listed. */
  readonly offered?: false;
}

export type PythonRuntime = WindowsRuntime | LinuxRuntime;

const builtIn = (version: string, folder: string): WindowsRuntime => ({
  os: 'windows',
  version,
  label: `Python ${version} (Azure built-in)`,
  interpreter: `D:\\${folder}\\python.exe`,
  wfastcgi: `D:\\${folder}\\Scripts\\wfastcgi.py`,
});

// Azure/azure-python-siteextensions: each installs into D:\home\<folder>, with wfastcgi.py beside python.exe.
const siteExtension = (version: string, release: string, architecture: 'x64' | 'x86', folder: string): WindowsRuntime => ({
  os: 'windows',
  version,
  label: `Python ${release} ${architecture} (site extension azureappservice-python${release.replaceAll('.', '')}${architecture})`,
  interpreter: `D:\\home\\${folder}\\python.exe`,
  wfastcgi: `D:\\home\\${folder}\\wfastcgi.py`,
  siteExtension: `azureappservice-python${release.replaceAll('.', '')}${architecture}`,
});

/**
 * A site extension Azure no longer offers, at the folder its own applicationHost.xdt registered
 * (Azure/azure-python-siteextensions: Archived/351x64, 352x64 and 352x86 all into D:\home\Python35,
 * Archived/360x64, 360x86, 361x64 into D:\home\Python36, 361x86). Sites made with them still run.
 */
const historic = (version: string, releases: string, extensions: string[], folder: string): WindowsRuntime => ({
  os: 'windows',
  version,
  label: `Python ${releases} (site extension ${extensions.join(', ')}, no longer offered)`,
  interpreter: `D:\\home\\${folder}\\python.exe`,
  wfastcgi: `D:\\home\\${folder}\\wfastcgi.py`,
  siteExtension: extensions[0],
  offered: false,
});

/*
 * App Service on Linux follows Python's own support timeline (its language runtime support
 * policy: a version past its end of life keeps running, unpatched, and leaves the create
 * options): 3.9 ended in October 2025 and 3.10 in October 2026; 3.14 was added in November
 * 2025, on the Ubuntu-based images new runtime versions come on.
 */
const linux = (version: string, endOfLife?: string): LinuxRuntime => ({
  os: 'linux',
  version,
  label: endOfLife ? `Python ${version} (App Service on Linux, past its end of life in ${endOfLife})` : `Python ${version} (App Service on Linux)`,
  linuxFxVersion: `PYTHON|${version}`,
  ...(endOfLife ? { offered: false as const } : {}),
});

export const pythonRuntimes: readonly PythonRuntime[] = [
  builtIn('2.7', 'Python27'),
  builtIn('3.4', 'Python34'),
  siteExtension('3.6', '3.6.4', 'x64', 'python364x64'),
  siteExtension('3.6-x86', '3.6.4', 'x86', 'python364x86'),
  siteExtension('3.6.2', '3.6.2', 'x64', 'python362x64'),
  siteExtension('3.6.2-x86', '3.6.2', 'x86', 'python362x86'),
  siteExtension('3.5', '3.5.4', 'x64', 'python354x64'),
  siteExtension('3.5-x86', '3.5.4', 'x86', 'python354x86'),
  siteExtension('3.5.3', '3.5.3', 'x64', 'python353x64'),
  siteExtension('3.5.3-x86', '3.5.3', 'x86', 'python353x86'),
  // The 2.7.14 extensions install into D:\home\Python27, whatever the architecture.
  siteExtension('2.7.14', '2.7.14', 'x64', 'Python27'),
  siteExtension('2.7.14-x86', '2.7.14', 'x86', 'Python27'),
  historic('3.5.2', '3.5.1 or 3.5.2', ['python351x64', 'python352x64', 'python352x86'], 'Python35'),
  historic('3.6.0', '3.6.0 x64', ['python360x64'], 'python360x64'),
  historic('3.6.0-x86', '3.6.0 x86', ['python360x86'], 'python360x86'),
  historic('3.6.1', '3.6.1 x64', ['python361x64'], 'Python36'),
  historic('3.6.1-x86', '3.6.1 x86', ['python361x86'], 'python361x86'),
  linux('3.9', 'October 2025'),
  linux('3.10', 'October 2026'),
  linux('3.11'),
  linux('3.12'),
  linux('3.13'),
  linux('3.14'),
];

/** The runtimes a host of `os` offers a new site, in the table's order: every row but the ones Azure no longer offers. */
export function offeredRuntimes(os?: PythonRuntime['os']): PythonRuntime[] {
  return pythonRuntimes.filter(runtime => (os === undefined || runtime.os === os) && runtime.offered !== false);
}

export function findPythonRuntime(version: string): PythonRuntime {
  return findRow(pythonRuntimes, 'version', version, 'Python runtime');
}

/**
 * The first row, in the table's order, whose python.exe is `interpreter` (Windows paths, so
 * without regard to case) and that `accept` takes: how a site's scriptProcessor or
 * processPath is told apart from a Python of the user's own.
 */
export function windowsRuntimeWith(interpreter: string, accept: (row: WindowsRuntime) => boolean = () => true): WindowsRuntime | undefined {
  return pythonRuntimes.find(
    (runtime): runtime is WindowsRuntime => runtime.os === 'windows' && runtime.interpreter.toLowerCase() === interpreter.toLowerCase() && accept(runtime),
  );
}

/** A Python the user installed: `--interpreter` and `--wfastcgi`. */
export function customRuntime(interpreter: string, wfastcgi: string): WindowsRuntime {
  // The label goes into XML comments, where "--" may not appear: no path, no option name.
  return { os: 'windows', version: 'custom', label: 'your own Python installation', interpreter, wfastcgi };
}

/**
 * Whether Azure's deployment builds Python for this runtime: for its built-in Pythons it puts
 * requirements.txt into a virtualenv `env` in the site root (runtime.txt names the version).
 */
export function isAzureBuiltIn(runtime: PythonRuntime): boolean {
  return runtime.os === 'windows' && runtime.siteExtension === undefined && runtime.version !== 'custom';
}

/** IIS's `scriptProcessor`: it must equal the registered FastCGI application's `fullPath|arguments`. */
export function scriptProcessor(runtime: WindowsRuntime): string {
  return `${runtime.interpreter}|${runtime.wfastcgi}`;
}
