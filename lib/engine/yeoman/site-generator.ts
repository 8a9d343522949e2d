import Generator, { type BaseOptions } from 'yeoman-generator';
import { customiseQuestion, questionsFor } from '../../answers/questions.js';
import { generatorSteps, priorities, type GeneratorSteps, type SiteGeneratorName } from '../run/steps.js';
import { composedOption, SiteRun, type PromptQuestion, type RunHost, type StoredFile } from '../run/site-run.js';
import { commitAtomically, exitStopped } from './commit.js';
import { ownsProcess } from '../run/output.js';
import { templatesDirectory } from '../package-root.js';
import { asksCustomQuestions, commitOptionDescription, generatorPath, optionDescription, runOptionDescriptions, generators, runOptions, type GeneratorName } from '../registry.js';

export { composedOption };

/** Options as Yeoman parses them: kebab-case names, as declared. */
export type SiteOptions = BaseOptions & Record<string, unknown>;

/**
 * A generator of the package under Yeoman: its answers as CLI options, and a SiteRun whose
 * host is Yeoman's (its options, storage, in-memory files, log and adapter). What the
 * generator does is its steps (lib/engine/run/steps.ts), the same under the direct engine.
 */
export abstract class SiteGenerator extends Generator<Record<string, unknown>, SiteOptions> {
  readonly site: SiteRun;

  constructor(args: string[], options: SiteOptions, name: GeneratorName) {
    // The generator that runs first sets the run's features (one generator of a run may, or
    // Yeoman warns): no package-manager step (a Python site has no npm dependencies), and the
    // commit of the package's write layer, where every file is written atomically.
    const run: { generator?: SiteGenerator } = {};
    const features = { customInstallTask: true, customCommitTask: () => commitAtomically(run.generator!.env as never) };
    super(args, runOptions(name, options) as SiteOptions, options[composedOption] ? {} : features);
    run.generator = this;
    this.site = new SiteRun(name, yeomanHost(this));
    this.sourceRoot(templatesDirectory(name));
    if (generators[name].kind === 'composition') {
      this.argument('destination', { type: String, required: false, description: 'Folder to generate the site in (default: the current folder)' });
    }
    for (const question of questionsFor(generators[name].answers)) {
      this.option(question.option, {
        type: question.kind === 'confirm' ? Boolean : String,
        description: optionDescription(question, name),
      });
    }
    if (asksCustomQuestions(name)) {
      this.option(customiseQuestion.option, { type: Boolean, description: customiseQuestion.description });
    }
    this.option('answers', { type: String, description: runOptionDescriptions.answers });
    this.option('templates', { type: String, description: runOptionDescriptions.templates });
    this.option('yes', { type: Boolean, alias: 'y', description: runOptionDescriptions.yes });
    // Yeoman's own options for prompt caching and npm installs: a Python site has neither.
    const declared = (this as unknown as { _options: Record<string, unknown> })._options;
    for (const unused of ['skip-cache', 'skip-install', 'force-install', 'ask-answered']) delete declared[unused];
    if (generators[name].commitOption) {
      this.option('commit', { type: Boolean, description: commitOptionDescription });
    }
  }

  /**
   * Under yo, whose own handler would print "Error <args>" and the message (and Yeoman its
   * "An error occured while running" line), a task that fails ends the run here with the
   * bin's one line and exit code. Anywhere else the error goes to the caller, as it is.
   */
  override async executeTask(task: Parameters<Generator['executeTask']>[0], ...rest: unknown[]): Promise<void> {
    const forward = super.executeTask.bind(this) as (task: Parameters<Generator['executeTask']>[0], ...more: unknown[]) => Promise<void>;
    if (!ownsProcess()) return forward(task, ...rest);
    const { method } = task;
    return forward(
      {
        ...task,
        async method(this: unknown, ...args: unknown[]) {
          try {
            return await method.apply(this, args);
          } catch (error) {
            return exitStopped(error);
          }
        },
      },
      ...rest,
    );
  }
}

/**
 * The Yeoman generator of `name`: a class whose priority methods run the generator's steps
 * (Yeoman queues the methods it finds on the class).
 */
export function siteGeneratorClass(name: SiteGeneratorName): new (args: string[], options: SiteOptions) => SiteGenerator {
  const Named = class extends SiteGenerator {
    readonly steps: GeneratorSteps;

    constructor(args: string[], options: SiteOptions) {
      super(args, options, name);
      this.steps = generatorSteps[name](this.site);
    }
  };
  for (const priority of priorities) {
    Object.defineProperty(Named.prototype, priority, {
      value(this: InstanceType<typeof Named>) {
        return this.steps[priority]?.();
      },
      writable: true,
      configurable: true,
    });
  }
  return Named;
}

/** The RunHost of a Yeoman generator: its options, storage, mem-fs store, log and adapter. */
function yeomanHost(generator: SiteGenerator): RunHost {
  const env = () => generator.env as unknown as { adapter: { prompt: (questions: never) => Promise<Record<string, unknown>>; actualAdapter?: { stdin?: { isTTY?: boolean } } }; options?: { force?: boolean } };
  return {
    get options() {
      return generator.options;
    },
    destinationRoot: folder => generator.destinationRoot(folder),
    get config() {
      return generator.config;
    },
    get log() {
      return generator.log;
    },
    storedFile: file => generator.fs.store.get(file) as unknown as StoredFile,
    readStored: file => generator.fs.read(file, { defaults: null }) ?? undefined,
    write: (file, contents) => generator.fs.write(file, contents),
    storedFiles: () => generator.fs.store.all() as unknown as (StoredFile & { path: string })[],
    get run() {
      return generator.env;
    },
    // Prompts need a terminal: under `yo` or the package's bin, stdin must be a TTY. An adapter
    // without its own stdin (yeoman-test's, or an embedding tool's) answers prompts itself.
    canPrompt: () => {
      const stdin = env().adapter.actualAdapter?.stdin;
      return stdin === undefined || stdin.isTTY === true;
    },
    forced: () => generator.options.force === true || env().options?.force === true,
    prompt: (questions: readonly PromptQuestion[]) => env().adapter.prompt(questions as never),
    atTransform: (taskName, method) => generator.queueTask({ queueName: 'transform', taskName, once: true, method }),
    // By namespace where the run has the package's generators registered (the bin's run, yo's),
    // so that it composes the classes it has; by file where it does not (an embedding tool's).
    compose: async (part, options) => {
      const namespace = `azure-python:${part}`;
      const environment = generator.env as unknown as { getGeneratorMeta?: (namespace: string) => unknown };
      await generator.composeWith(environment.getGeneratorMeta?.(namespace) ? namespace : generatorPath(part), { generatorOptions: options } as never);
    },
  };
}
