import { SiteGenerator, type FileMerge, type SiteOptions } from '../../lib/site-generator.js';
import { mergeWebConfig, routingFiles, routingNotes, webConfigFiles, webConfigLayout } from '../../lib/web-config.js';

/** `yo azure-python:webconfig`: Option 2, the handler, URL Rewrite rules and settings in web.config. */
export default class WebConfigGenerator extends SiteGenerator {
  #webConfigs: { path: string; merge: FileMerge }[] = [];

  constructor(args: string[], options: SiteOptions) {
    super(args, options, 'webconfig');
  }

  async prompting(): Promise<void> {
    await this.findAnswers();
  }

  configuring(): void {
    this.keepAnswers();
    // Read and merged before anything is written: a web.config that is not well-formed, or a
    // change that cannot be asked about, stops the run with every file as it was.
    this.#webConfigs = webConfigFiles(this.answers).map(file => {
      const generated = this.renderText(file.template, webConfigLayout(this.answers));
      const existing = this.readUserFile(file.path);
      const merge =
        existing === undefined ? ({ text: generated, change: 'addition', changes: [] } as const) : mergeWebConfig(existing, generated, file.path);
      this.checkMerge(file.path, merge);
      return { path: file.path, merge };
    });
  }

  writing(): void {
    for (const { path, merge } of this.#webConfigs) this.writeMerge(path, merge);
    // The placeholder and the static sample only need to exist: a user's own copy stays as it is.
    for (const file of routingFiles(this.answers)) this.writeUnlessPresent(file.path, file.contents);
  }

  end(): void {
    for (const note of routingNotes(this.answers)) this.log.info(note);
  }
}
