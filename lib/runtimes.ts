/**
 * The Python runtimes a site can run on: one row each. A row decides both halves of the
 * FastCGI script processor, so nothing else in the generator spells out an interpreter path.
 */
export interface PythonRuntime {
  /** What the user types after `--python`, and what `.yo-rc.json` keeps. */
  readonly version: string;
  readonly label: string;
  /** Absolute Windows path of python.exe: the FastCGI application's `fullPath`. */
  readonly interpreter: string;
  /** Absolute Windows path of wfastcgi.py: the FastCGI application's `arguments`. */
  readonly wfastcgi: string;
}

/** Azure Websites' built-in Pythons, registered as FastCGI applications by Azure itself. */
export const pythonRuntimes: readonly PythonRuntime[] = [
  {
    version: '2.7',
    label: 'Python 2.7 (Azure built-in)',
    interpreter: 'D:\\Python27\\python.exe',
    wfastcgi: 'D:\\Python27\\Scripts\\wfastcgi.py',
  },
  {
    version: '3.4',
    label: 'Python 3.4 (Azure built-in)',
    interpreter: 'D:\\Python34\\python.exe',
    wfastcgi: 'D:\\Python34\\Scripts\\wfastcgi.py',
  },
];

export function findPythonRuntime(version: string): PythonRuntime | undefined {
  return pythonRuntimes.find(runtime => runtime.version === version);
}

/** IIS's `scriptProcessor`: it must equal the registered FastCGI application's `fullPath|arguments`. */
export function scriptProcessor(runtime: PythonRuntime): string {
  return `${runtime.interpreter}|${runtime.wfastcgi}`;
}
