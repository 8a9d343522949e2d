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
}

export interface LinuxRuntime {
  readonly os: 'linux';
  readonly version: string;
  readonly label: string;
  /** App Service on Linux's runtime stack, as `az webapp config set --linux-fx-version` takes it. */
  readonly linuxFxVersion: string;
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

const linux = (version: string): LinuxRuntime => ({
  os: 'linux',
  version,
  label: `Python ${version} (App Service on Linux)`,
  linuxFxVersion: `PYTHON|${version}`,
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
  linux('3.9'),
  linux('3.10'),
  linux('3.11'),
  linux('3.12'),
  linux('3.13'),
];

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
