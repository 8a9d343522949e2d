import path from 'node:path';
import type { AnswerName, HostName, SiteAnswers } from '../answers/model.js';
import type { HostsServed } from '../answers/rules.js';
import { hostsDescription, questions, questionsFor, runtimesDescription, type Question } from '../answers/questions.js';
import { parts, type PartName } from '../plans/parts.js';
import { packageRoot } from './package-root.js';

/**
 * The generators of the package (`yo azure-python:<name>`): `app` asks every question, then
 * composes the parts; each part writes its plan's files; a command (the doctor) reads a site
 * and writes only what its checks propose. Everything but `app` and the commands comes from
 * the parts.
 */
export interface GeneratorEntry {
  readonly kind: 'composition' | 'part' | 'command';
  readonly summary: string;
  readonly answers: readonly AnswerName[];
  readonly readsIfKnown: readonly AnswerName[];
  readonly commitOption: boolean;
  readonly presetOptions?: Readonly<Record<string, string>>;
  readonly check?: (answers: SiteAnswers) => void;
  readonly hosts?: { readonly names: readonly HostName[]; readonly why: string };
}

const app: GeneratorEntry = {
  kind: 'composition',
  summary: 'a whole site: the app, web.config or the portal settings, git',
  // Every question, in the table's order.
  answers: questions.map(question => question.name),
  readsIfKnown: [],
  commitOption: true,
};

const commands = {
  doctor: { kind: 'command', summary: 'checks a site for the known causes of failure, with each fix', answers: [], readsIfKnown: [], commitOption: false },
  migrate: { kind: 'command', summary: 'a Windows site (its web.config, or the portal settings) moved to App Service on Linux', answers: ['siteName'], readsIfKnown: [], commitOption: false },
  serve: { kind: 'command', summary: 'runs the site on 127.0.0.1 as IIS and wfastcgi (or App Service on Linux) would', answers: [], readsIfKnown: [], commitOption: false },
} as const satisfies Record<string, GeneratorEntry>;

export type GeneratorName = 'app' | PartName | keyof typeof commands;

export const generators: Readonly<Record<GeneratorName, GeneratorEntry>> = {
  app,
  ...(Object.fromEntries(
    parts.map(part => [
      part.name,
      {
        kind: 'part',
        summary: part.summary,
        answers: part.answers,
        readsIfKnown: part.readsIfKnown ?? [],
        commitOption: part.commitOption === true,
        presetOptions: part.presetOptions,
        check: part.check,
        hosts: part.hosts,
      },
    ]),
  ) as unknown as Record<PartName, GeneratorEntry>),
  ...commands,
};

export const generatorNames = Object.keys(generators) as GeneratorName[];

/** An option's --help line for `name`: --host names only the hosts the generator writes for. */
export function optionDescription(question: Question, name: GeneratorName): string {
  const served = generators[name].hosts;
  if (!served) return question.description;
  if (question.name === 'host') return hostsDescription(served.names);
  if (question.name === 'python') return runtimesDescription(served.names);
  return question.description;
}

/** Whether the generator asks questions off the short path: then it takes --customise. */
export function asksCustomQuestions(name: GeneratorName): boolean {
  return questionsFor(generators[name].answers).some(question => !question.essential && question.prompted !== false);
}

/** The hosts `name` writes for, as checkAll takes them; undefined for a generator of every host. */
export function hostsServed(name: GeneratorName): HostsServed | undefined {
  const served = generators[name].hosts;
  return served && { generator: name, ...served };
}

/** The --help words of the options every generator has, the same under yo and the bin. */
export const runOptionDescriptions = {
  answers: 'a JSON file of answers by option name',
  templates: 'templates to use instead (see: generator-azure-python templates)',
  yes: 'take every default not given; never ask',
  force: 'apply changes to files you edited without asking',
  commit: 'commit the files this run wrote, in any repository (--no-commit: never)',
} as const;

export const commitOptionDescription = runOptionDescriptions.commit;

/** The compiled generator module that Yeoman loads for `azure-python:<generator>`. */
export function generatorPath(generator: GeneratorName): string {
  return path.join(packageRoot, 'dist', 'generators', generator, 'index.js');
}

/** The options a run of `generator` works with: those given, over the ones it presets. */
export function runOptions(generator: GeneratorName, options: Record<string, unknown>): Record<string, unknown> {
  const presets = generators[generator].presetOptions ?? {};
  return { ...options, ...Object.fromEntries(Object.entries(presets).filter(([name]) => options[name] === undefined)) };
}
