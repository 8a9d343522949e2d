import module from 'node:module';
import { releaseSiteLocks } from '../run/lock.js';
import { colourful } from '../run/output.js';
import { generatorNames, generatorPath, type GeneratorName } from '../registry.js';
import { packageRoot } from '../package-root.js';
import type { SiteGeneratorName } from '../run/steps.js';

/** What Yeoman's environment is created with: its streams, and --force. */
export type EnvironmentOptions = Record<string, unknown> & { force?: boolean };

/**
 * Runs `azure-python:<generator>` in a Yeoman environment of its own, with the package's
 * generators registered, and returns the environment (it records what the run wrote). Yeoman
 * is loaded here only: --help, --version and every refused run never pay for its start-up.
 */
export async function runYeoman(
  generator: GeneratorName,
  args: readonly string[],
  options: Record<string, unknown>,
  environmentOptions: EnvironmentOptions = {},
): Promise<object> {
  // Node 22.1 and later keep compiled code on disk between runs (Yeoman's hundreds of modules
  // load faster from the second run on); older Nodes have no such cache.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  // Yeoman's colours (chalk's) follow the same rule as the package's own lines; chalk reads it once, when loaded.
  // Asked of process.stderr, which Yeoman writes through anyway, not of the descriptor: an fstat of
  // a pipe made here, before yeoman-environment loads, broke that import in a package whose
  // node_modules is a link (commander's module was loaded twice, once empty).
  if (!colourful(process.stderr)) process.env.FORCE_COLOR = '0';
  const { createEnv } = await import('yeoman-environment');
  const environment = createEnv(environmentOptions as never);
  quietTaskFailureLine(environment.adapter.log);
  // The generators' classes of this module graph, not their files: under the bin, this graph is
  // one bundle (dist/bin/yeoman.js), which their files would load a second copy of beside.
  const [{ siteGeneratorClass }, { default: DoctorGenerator }, { default: MigrateGenerator }, { default: ServeGenerator }] = await Promise.all([
    import('./site-generator.js'),
    import('./doctor-generator.js'),
    import('./migrate-generator.js'),
    import('./serve-generator.js'),
  ]);
  const commands = { doctor: DoctorGenerator, migrate: MigrateGenerator, serve: ServeGenerator } as const;
  for (const name of generatorNames) {
    const generator = name in commands ? commands[name as keyof typeof commands] : siteGeneratorClass(name as SiteGeneratorName);
    environment.register(generator as never, { namespace: `azure-python:${name}`, resolved: generatorPath(name), packagePath: packageRoot });
  }
  try {
    await environment.run([`azure-python:${generator}`, ...args], options);
  } finally {
    // The generators took the site's lock when they first kept answers; the run is over.
    releaseSiteLocks();
  }
  return environment;
}

/**
 * A failing generator task logs "An error occured while running <task>" before the error
 * reaches the caller, which reports the error itself in one line: the first is left out.
 */
function quietTaskFailureLine(log: { error: (...args: never[]) => unknown }): void {
  const error = log.error.bind(log) as (message: unknown, ...rest: unknown[]) => unknown;
  log.error = ((message: unknown, ...rest: unknown[]) =>
    typeof message === 'string' && message.startsWith('An error occured while running ') ? log : error(message, ...rest)) as never;
}
