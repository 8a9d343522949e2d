import path from 'node:path';
import Generator, { type BaseOptions } from 'yeoman-generator';
import { startServing } from '../../serve/command.js';

/**
 * `yo azure-python:serve [folder]`: runs the site on 127.0.0.1 as its host would (lib/serve),
 * until Ctrl-C. It writes nothing.
 */
type ServeOptions = BaseOptions & { folder?: string; port?: string; hostHeader?: string; 'host-header'?: string; python?: string };

export default class ServeGenerator extends Generator<ServeOptions> {
  constructor(args: string[], options: ServeOptions) {
    super(args, options);
    this.argument('folder', { type: String, required: false, description: 'The site folder (default: the current folder)' });
    this.option('port', { type: String, description: 'The port on 127.0.0.1 to listen on (default: 8000; 0 takes a free one)' });
    this.option('host-header', { type: String, description: "The Host the site's rules and app see (default: <site>.azurewebsites.net on Azure, else the request's own)" });
    this.option('python', { type: String, description: 'The local Python that runs the app (default: python3)' });
  }

  async end(): Promise<void> {
    const options = this.options as ServeOptions;
    const folder = path.resolve(this.destinationRoot(), options.folder ?? '.');
    await startServing(folder, { port: options.port, hostHeader: options.hostHeader ?? options['host-header'], python: options.python });
    // Served until a signal stops it (startServing's handler ends the process).
    await new Promise(() => undefined);
  }
}
