import path from 'node:path';
import { hostNames, type HostName } from '../../answers/model.js';
import { applyEdits } from '../../doctor/changes.js';
import { diagnose, type Check } from '../../doctor/diagnose.js';
import type { PlannedFile } from '../file-plan.js';
import { checksAsJson, fixChanges, formatReport } from '../../doctor/report.js';
import { probeServedSite } from '../../serve/probe.js';
import { SiteGenerator, type SiteOptions } from './site-generator.js';

/**
 * `yo azure-python:doctor [folder]`: checks a site for the known causes of failing on Azure,
 * one line each, with the fix. It changes nothing, but with --fix applies the fixes that add a
 * file or set values in web.config (through the write layer, which asks before changing what
 * the user wrote), then checks again.
 */
export default class DoctorGenerator extends SiteGenerator {
  #checks: Check[] = [];

  constructor(args: string[], options: SiteOptions) {
    super(args, options, 'doctor');
    this.argument('folder', { type: String, required: false, description: 'The site folder (default: the current folder)' });
    this.option('fix', { type: Boolean, description: 'Apply the fixes that add a file or set values in web.config (a change to your file is asked about, or needs --force without a terminal), then check again' });
    this.option('json', { type: Boolean, description: 'Print the checks as JSON, for CI' });
    this.option('import', { type: Boolean, default: true, description: "Import WSGI_HANDLER with the local python3 and call it once, which runs your code (--no-import reads the code only)" });
    this.option('logs', { type: String, description: "The site's logs as downloaded from Kudu (the LogFiles folder, or the zip of /api/dump)" });
    this.option('host-header', { type: String, description: "The host name the site's requests carry, sent to the app when it is called (default: <site>.azurewebsites.net on Azure)" });
    this.option('host', { type: String, description: "The host the site runs on (azure, iis or linux), when .yo-rc.json does not say and the site's files do not show it" });
    this.option('probe', { type: Boolean, description: 'Also serve the site here as its host would (serve, which runs your code) and request /, a deep URL, a static file and the private files' });
  }

  initializing(): void {
    this.destinationRoot(path.resolve(this.destinationRoot(), (this.options.folder as string | undefined) ?? '.'));
    const host = this.options.host as string | undefined;
    if (host !== undefined && !hostNames.includes(host as HostName)) throw new Error(`--host: ${JSON.stringify(host)} is not allowed: use one of ${hostNames.join(', ')}`);
    this.#checks = diagnose(this.destinationRoot(), undefined, { host: host as HostName | undefined, hostHeader: (this.options.hostHeader ?? this.options['host-header']) as string | undefined, logs: this.options.logs as string | undefined, importApp: this.options.import !== false });
  }

  writing(): void {
    if (!this.options.fix) return;
    const changes = fixChanges(this.destinationRoot(), this.#checks);
    // A file created by a fix only needs to exist: one that appeared meanwhile is kept. An edit
    // is made to the file as it is when written, and asked about like any change to the user's work.
    this.site.writeFiles(() =>
      changes.map((change): PlannedFile =>
        change.kind === 'create'
          ? { path: change.path, kind: 'placeholder', contents: change.contents }
          : { path: change.path, kind: 'edit', edit: existing => applyEdits(existing, change.path, change.edits) },
      ),
    );
  }

  async end(): Promise<void> {
    if (this.options.fix) this.#checks = diagnose(this.destinationRoot(), undefined, { host: this.options.host as HostName | undefined, hostHeader: (this.options.hostHeader ?? this.options['host-header']) as string | undefined, logs: this.options.logs as string | undefined, importApp: this.options.import !== false });
    if (this.options.probe) this.#checks.push(...(await probeServedSite(this.destinationRoot(), { hostHeader: (this.options.hostHeader ?? this.options['host-header']) as string | undefined })));
    if (this.options.json) process.stdout.write(`${checksAsJson(this.#checks)}\n`);
    else process.stdout.write(`${formatReport(this.#checks)}\n`);
    const failures = this.#checks.filter(found => found.status === 'fail').length;
    if (failures > 0) throw new Error(`the doctor found ${failures} failure${failures === 1 ? '' : 's'} in ${this.destinationRoot()}`);
  }
}
