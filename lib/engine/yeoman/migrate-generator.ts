import { existsSync } from 'node:fs';
import path from 'node:path';
import { offeredRuntimes, pythonRuntimes } from '../../catalog/runtimes.js';
import { linuxTemplateFile } from '../../azure/linux.js';
import { migrationCommands, migrationFiles } from '../../migrate/migration-files.js';
import { planMigration, type Migration } from '../../migrate/migration.js';
import { migrationNotesFile } from '../../migrate/names.js';
import { NoWindowsSiteError, readWindowsSite } from '../../migrate/windows-site.js';
import { contentHash, fileRecordsKey, readFileRecords } from '../file-history.js';
import { plannedText, type PlannedFile } from '../file-plan.js';
import { doneLine } from '../run/output.js';
import { SiteGenerator, type SiteOptions } from './site-generator.js';

/**
 * `yo azure-python:migrate [folder]`: reads a Windows site (wfastcgi's or HttpPlatformHandler's
 * web.config, or the portal settings files) and writes the App Service on Linux equivalent
 * beside it, with MIGRATION.md saying what each part became. The Windows files stay (the site
 * can still be deployed there) unless --remove-windows-files.
 */
export default class MigrateGenerator extends SiteGenerator {
  #migration: Migration | undefined;
  #alreadyMigrated = false;

  constructor(args: string[], options: SiteOptions) {
    super(args, options, 'migrate');
    this.argument('folder', { type: String, required: false, description: 'The Windows site\'s folder (default: the current folder)' });
    this.option('python', { type: String, description: `App Service on Linux's Python (${offeredRuntimes('linux').map(runtime => runtime.version).join(', ')}; default: the nearest to the Windows site's)` });
    this.option('wrapper', { type: Boolean, default: true, description: 'Serve linux_app.py (the app, /healthz and the static folders); --no-wrapper: the startup command names the app itself' });
    this.option('remove-windows-files', { type: Boolean, description: 'Remove web.config, handler.fcgi and the other Windows-only files once the Linux ones are written' });
  }

  initializing(): void {
    this.destinationRoot(path.resolve(this.destinationRoot(), (this.options.folder as string | undefined) ?? '.'));
    const python = this.options.python as string | undefined;
    if (python !== undefined && !pythonRuntimes.some(runtime => runtime.os === 'linux' && runtime.version === python)) {
      throw new Error(`--python: ${JSON.stringify(python)} is not allowed: use one of ${offeredRuntimes('linux').map(runtime => runtime.version).join(', ')} (App Service on Linux)`);
    }
  }

  async prompting(): Promise<void> {
    let windows;
    try {
      windows = readWindowsSite(this.destinationRoot());
    } catch (error) {
      // Migrated already, Windows files removed: nothing to do, and nothing is changed.
      const records = readFileRecords(this.config.getAll());
      if (error instanceof NoWindowsSiteError && Object.hasOwn(records, migrationNotesFile) && existsSync(this.destinationPath(linuxTemplateFile))) {
        this.#alreadyMigrated = true;
        return;
      }
      throw error;
    }
    await this.site.findAnswers();
    this.#migration = planMigration(windows, { siteName: this.site.answers.siteName, python: this.options.python as string | undefined, wrapper: this.options.wrapper !== false });
  }

  configuring(): void {
    if (!this.#migration) return;
    this.site.keepAnswers();
    // Afterwards the kept answers describe the Linux site: its host, Python and app. The Windows
    // answers stay beside them: they describe the Windows files, which are kept and read again by a re-run.
    const stored = this.config.getAll();
    const kept = this.#migration.answers;
    if (Object.entries(kept).some(([name, value]) => stored[name] !== value)) this.config.set(kept);
  }

  writing(): void {
    const migration = this.#migration;
    if (!migration) return;
    const overlay = typeof this.options.templates === 'string' ? path.resolve(this.options.templates) : undefined;
    const remove = this.options.removeWindowsFiles === true || this.options['remove-windows-files'] === true;
    const files = migrationFiles(migration, overlay, remove);
    this.#keepRequirementsWhole(files.find(file => file.path === 'requirements.txt'));
    this.site.writeFiles(() => files);
    if (!remove) return;
    for (const file of migration.windows.windowsFiles) {
      this.fs.delete(this.destinationPath(file));
      // Asked for by --remove-windows-files: no question about each file.
      (this.fs.store.get(this.destinationPath(file)) as unknown as { conflicter?: string }).conflicter = 'force';
    }
  }

  /**
   * requirements.txt serves both sites from now on: a generated one (its record says it holds its
   * plan alone) would be rewritten from the Linux plan, and lose what Windows needs (waitress,
   * the framework's pins). Forgotten as the generator's, it only gains Linux's packages, now and
   * in every later run.
   */
  #keepRequirementsWhole(planned: PlannedFile | undefined): void {
    const records = readFileRecords(this.config.getAll());
    const record = records['requirements.txt'];
    // Not the generator's plan alone, or migrate's own (a re-run): nothing to forget.
    if (!planned || !record || record.planned !== record.written || record.planned === contentHash(plannedText(planned))) return;
    const { 'requirements.txt': _forgotten, ...others } = records;
    this.config.set(fileRecordsKey, others);
  }

  end(): void {
    if (this.#alreadyMigrated) {
      this.log.info(`${this.destinationRoot()} was migrated already, and its Windows files removed: ${migrationNotesFile} says what became of them.`);
      return;
    }
    const migration = this.#migration!;
    this.site.summarise();
    for (const note of migration.windows.notes) this.log.info(`Note: ${note}.`);
    if (migration.python.note) this.log.info(`Note: ${migration.python.note}`);
    const todo = [migration.rows.other, migration.rows.settings, migration.rows.rules, migration.rows.iis].flat().filter(row => row.todo).length + (migration.unservedFiles.length > 0 ? 1 : 0);
    this.log(doneLine(`Startup command: ${migration.startupCommand}`));
    if (todo > 0) this.log.info(`${migrationNotesFile} lists ${todo} thing${todo === 1 ? '' : 's'} App Service on Linux does differently, each with what to do.`);
    this.log.info('Then create (or configure) the Linux site:');
    for (const command of migrationCommands(migration)) this.log(`  ${command}`);
  }
}
