#!/usr/bin/env node
/**
 * `generator-azure-python [destination] [options]`: the package's generators without `yo`.
 * `generator-azure-python <generator> [options]` runs one of the others, as
 * `yo azure-python:<generator>` does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Help, Option } from 'commander';
import { customiseQuestion, questionsFor } from '../lib/answers/questions.js';
import { hostNames, type HostName, type SiteAnswers } from '../lib/answers/model.js';
import { checkAll, snapshotDestination } from '../lib/answers/resolve.js';
import { destinationRefusal } from '../lib/engine/destination.js';
import { packageRoot } from '../lib/engine/package-root.js';
import { asksCustomQuestions, generatorNames, hostsServed, optionDescription, runOptionDescriptions, generators, runOptions, type GeneratorName } from '../lib/engine/registry.js';
import { templateCatalog } from '../lib/engine/templates.js';
import { cancelledRun, isTerminal, stoppedRun, writing } from '../lib/engine/run/output.js';
import { NeedsQuestions, directEngineApplies, runDirect } from '../lib/engine/run/direct.js';
import { plannedPaths } from '../lib/plans/parts.js';
import { offeredRuntimes } from '../lib/catalog/runtimes.js';

const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };

function defineOptions(command: Command, name: GeneratorName): Command {
  for (const question of questionsFor(generators[name].answers)) {
    if (question.kind === 'confirm') {
      command.option(`--${question.option}`, optionDescription(question, name));
      command.addOption(new Option(`--no-${question.option}`).hideHelp());
    } else {
      // Values are checked by the generators, with the same rules and messages as under yo.
      command.option(`--${question.option} <value>`, optionDescription(question, name));
    }
  }
  if (asksCustomQuestions(name)) {
    command.option(`--${customiseQuestion.option}`, customiseQuestion.description);
    command.addOption(new Option(`--no-${customiseQuestion.option}`).hideHelp());
  }
  if (generators[name].commitOption) {
    command.option('--commit', runOptionDescriptions.commit);
    command.addOption(new Option('--no-commit').hideHelp());
  }
  return command
    .option('--answers <file>', runOptionDescriptions.answers)
    .option('--templates <folder>', runOptionDescriptions.templates)
    .option('-y, --yes', runOptionDescriptions.yes)
    .option('--force', runOptionDescriptions.force);
}

/** Commander's camelCase values, back under the generators' kebab-case option names. */
function generatorOptions(name: GeneratorName, parsed: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = { yes: parsed.yes, force: parsed.force, answers: parsed.answers, templates: parsed.templates, customise: parsed.customise };
  for (const question of questionsFor(generators[name].answers)) {
    const camelCase = question.option.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    options[question.option] = parsed[camelCase];
  }
  if (generators[name].commitOption) options.commit = parsed.commit;
  // An option that is present, even as undefined, overrides the generator's own default.
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/**
 * The generators check the same things, but a failure inside a Yeoman run is printed with a
 * line of Yeoman's own: checked here first, a bad value is one line and Yeoman never starts.
 * A run that asks nothing (every answer given, kept or defaulted, one app or none to serve)
 * runs the same steps without Yeoman; one that asks runs under Yeoman, which asks.
 */
async function runGenerator(name: GeneratorName, args: string[], options: Record<string, unknown>): Promise<void> {
  const destination = path.resolve(args[0] ?? '.');
  // Not process.stdin.isTTY: creating stdin's stream loads Node's fs streams for nothing.
  const canPrompt = isTerminal(0);
  const request = { names: generators[name].answers, options: runOptions(name, options), canPrompt, served: hostsServed(name) };
  const { answers, missing, candidates } = checkAll(request, snapshotDestination(destination));
  if (missing.length === 0) {
    generators[name].check?.(answers as never);
    const templates = typeof options.templates === 'string' ? path.resolve(options.templates) : undefined;
    const refusal = destinationRefusal(destination, plannedPaths(name, answers as SiteAnswers, templates), options.force === true);
    if (refusal) throw new Error(refusal);
    if (name !== 'doctor' && name !== 'migrate' && name !== 'serve' && candidates.length === 0 && directEngineApplies(destination)) {
      try {
        await runDirect(name, args, options, { force: options.force === true, canAsk: canPrompt });
        return;
      } catch (error) {
        // A conflict to ask about in the terminal: nothing was written, and Yeoman asks.
        if (!(error instanceof NeedsQuestions)) throw error;
      }
    }
  }
  const { runYeoman } = await import('../lib/engine/yeoman/run.js');
  await runYeoman(name, args, options, { force: options.force === true });
}

const program = new Command('generator-azure-python')
  .description('Generates a Python (WSGI) site for Azure App Service or IIS (yo azure-python).')
  .version(version)
  .argument('[destination]', 'the site\'s folder (default: the current one)')
  .enablePositionalOptions()
  // Commander's own errors (an unknown option, a missing value) in the one-line form of ours.
  .configureOutput({
    outputError: (message, write) => write(`generator-azure-python: ${message.replace(/^error: /, '').trim().split('\n').join(' ')}\n`),
  });
defineOptions(program, 'app').action(async (destination: string | undefined, parsed: Record<string, unknown>) => {
  await runGenerator('app', destination === undefined ? [] : [destination], generatorOptions('app', parsed));
});

// A part's options are defined when that command runs, or when a help lists it: a run is of one
// command, and each option costs Commander its parsing of the flags.
const optionsToDefine = new Map<Command, GeneratorName>();
function defineOptionsOf(command: Command): void {
  const name = optionsToDefine.get(command);
  if (name === undefined) return;
  optionsToDefine.delete(command);
  defineOptions(command, name);
}
program.hook('preSubcommand', (_, subcommand) => defineOptionsOf(subcommand));
program.configureHelp({
  visibleCommands(command) {
    command.commands.forEach(defineOptionsOf);
    return Help.prototype.visibleCommands.call(this, command);
  },
});

for (const name of generatorNames.filter(candidate => generators[candidate].kind === 'part')) {
  const command = program.command(name).summary(generators[name].summary).description(`${generators[name].summary} (yo azure-python:${name})`);
  optionsToDefine.set(command, name);
  command.action(async (parsed: Record<string, unknown>) => {
    await runGenerator(name, [], generatorOptions(name, parsed));
  });
}

program
  .command('doctor')
  .summary(generators.doctor.summary)
  .description(`${generators.doctor.summary} (yo azure-python:doctor)`)
  .argument('[folder]', 'the site folder (default: the current folder)')
  .option('--json', 'Print the checks as JSON, for CI')
  .option('--fix', 'Apply the fixes that add a file or set values in web.config (a change to your file is asked about; without a terminal it needs --force), then check again')
  .option('--force', 'With --fix: apply without asking')
  .addOption(new Option('--host <host>', "The host the site runs on, when .yo-rc.json does not say and the site's files do not show it (default: azure)").choices([...hostNames]))
  .option('--logs <path>', "The site's logs as downloaded from Kudu (the LogFiles folder, or the zip of /api/dump): each known failure in them is a finding with its fix")
  .option('--no-import', "Read the app's code only: by default the doctor imports WSGI_HANDLER with the local python3 and calls it once, which runs your code")
  .option('--host-header <name>', "The host name the site's requests carry, sent to the app when it is called (default: <site>.azurewebsites.net on Azure)")
  .option('--probe', 'Also serve the site here as its host would (generator-azure-python serve, which runs your code) and request /, a deep URL, a static file and the private files')
  .action(async (folder: string | undefined, parsed: { json?: boolean; fix?: boolean; force?: boolean; host?: HostName; hostHeader?: string; logs?: string; import?: boolean; probe?: boolean }) => {
    if (parsed.fix) {
      await runGenerator('doctor', folder === undefined ? [] : [folder], { fix: true, json: parsed.json, force: parsed.force, host: parsed.host, hostHeader: parsed.hostHeader, logs: parsed.logs && path.resolve(parsed.logs), import: parsed.import, probe: parsed.probe });
      return;
    }
    // Reading only: no Yeoman needed.
    const { diagnose } = await import('../lib/doctor/diagnose.js');
    const { checksAsJson, formatReport } = await import('../lib/doctor/report.js');
    const checks = diagnose(path.resolve(folder ?? '.'), undefined, { host: parsed.host, hostHeader: parsed.hostHeader, logs: parsed.logs && path.resolve(parsed.logs), importApp: parsed.import });
    if (parsed.probe) {
      const { probeServedSite } = await import('../lib/serve/probe.js');
      checks.push(...(await probeServedSite(path.resolve(folder ?? '.'), { hostHeader: parsed.hostHeader })));
    }
    console.log(parsed.json ? checksAsJson(checks) : formatReport(checks));
    const failures = checks.filter(found => found.status === 'fail').length;
    if (failures > 0) throw new Error(`the doctor found ${failures} failure${failures === 1 ? '' : 's'} in ${path.resolve(folder ?? '.')}`);
  });

program
  .command('migrate')
  .summary(generators.migrate.summary)
  .description(`${generators.migrate.summary} (yo azure-python:migrate): the Linux files go beside the Windows ones, and MIGRATION.md says what each setting and rule became`)
  .argument('[folder]', "the Windows site's folder (default: the current folder)")
  .option('--site-name <name>', optionDescription(questionsFor(['siteName'])[0]!, 'migrate'))
  .option('--python <version>', `App Service on Linux's Python: ${offeredRuntimes('linux').map(runtime => runtime.version).join(', ')} (default: the nearest to the Windows site's)`)
  .option('--no-wrapper', 'the startup command names the app itself, with no linux_app.py (no /healthz, and no static folders served)')
  .option('--remove-windows-files', 'remove web.config, handler.fcgi and the other Windows-only files once the Linux ones are written')
  .option('--templates <folder>', runOptionDescriptions.templates)
  .option('-y, --yes', runOptionDescriptions.yes)
  .option('--force', runOptionDescriptions.force)
  .action(async (folder: string | undefined, parsed: { siteName?: string; python?: string; wrapper?: boolean; removeWindowsFiles?: boolean; templates?: string; yes?: boolean; force?: boolean }) => {
    const options = { 'site-name': parsed.siteName, python: parsed.python, wrapper: parsed.wrapper, 'remove-windows-files': parsed.removeWindowsFiles, templates: parsed.templates, yes: parsed.yes, force: parsed.force };
    await runGenerator('migrate', folder === undefined ? [] : [folder], Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)));
  });

program
  .command('serve')
  .summary(generators.serve.summary)
  .description(`${generators.serve.summary} (yo azure-python:serve): what decided each request is printed beside it; docs/serve.md says what is emulated`)
  .argument('[folder]', 'the site folder (default: the current folder)')
  .option('--port <port>', 'the port on 127.0.0.1 to listen on (default: 8000; 0 takes a free one)')
  .option('--host-header <name>', "the Host the site's rules and app see (default: <site>.azurewebsites.net on Azure, else the request's own)")
  .option('--python <path>', 'the local Python that runs the app (default: python3)')
  .action(async (folder: string | undefined, parsed: { port?: string; hostHeader?: string; python?: string }) => {
    const { startServing } = await import('../lib/serve/command.js');
    await startServing(path.resolve(folder ?? '.'), parsed);
  });

program
  .command('templates')
  .description('lists the templates --templates can replace, with their variables')
  .action(() => {
    console.log('A file at one of these paths in the --templates folder replaces the packaged one; its variables:');
    for (const [file, variables] of Object.entries(templateCatalog)) console.log(`  ${file}\n      ${Object.keys(variables).join(', ') || '(no variables)'}`);
  });

program.addHelpText(
  'after',
  `
Examples:
  generator-azure-python my-site --yes          every default, in ./my-site
  generator-azure-python --host linux --framework flask --yes
Each command's own options: generator-azure-python <command> --help.`,
);

// A signal (Ctrl-C outside a question, SIGTERM) ends the run with one line: what was written,
// and 128 + its number. While files are being written, the write layer's own handler finishes
// the file first and raises the signal again; this one leaves the signal to it until then.
let reported = false;
function report({ line, exitCode }: { line: string; exitCode: number }, exit: boolean): void {
  if (reported) return;
  reported = true;
  console.error(line);
  if (exit) process.exit(exitCode);
  process.exitCode = exitCode;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!writing.active) report(cancelledRun(signal, writing.written), true);
  });
}

// No top-level await: the bin is bundled as CommonJS (see scripts/bundle-bin.ts).
program.parseAsync().catch((error: unknown) => {
  // A signal that stopped the writing is raised again: the run ends here, before it is.
  const outcome = stoppedRun(error);
  report(outcome, outcome.exitCode !== 1);
});
