import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../lib/engine/package-root.js';
import { checkWsgiModule, folderListing, parseWebConfig, readText, temporaryFolder } from '../helpers.js';

/**
 * The package as users get it: packed, installed with `yo` 7 into a fresh prefix, run by `yo`
 * and by its own bin. Installs come from npm's cache (`npm ci` filled it), so this stays quick.
 */
describe('installed from the packed tarball', function () {
  this.timeout(300_000);
  // yo, run as root, switches to uid 1000: its HOME and the target must be writable for it.
  const asRoot = process.getuid?.() === 0;
  let prefix = '';
  let linkedPrefix = '';
  let home = '';

  function userFolder(prefixName: string): string {
    const folder = temporaryFolder(prefixName);
    chmodSync(folder, 0o755);
    if (asRoot) chownSync(folder, 1000, 1000);
    return folder;
  }

  function npmInstallGlobal(into: string, ...packages: string[]): void {
    execFileSync('npm', ['install', '--global', '--prefix', into, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...packages], {
      stdio: 'pipe',
    });
    chmodSync(into, 0o755);
  }

  function environment(forPrefix: string): NodeJS.ProcessEnv {
    const gitConfig = path.join(home, '.gitconfig');
    return {
      ...process.env,
      HOME: home,
      PATH: `${path.join(forPrefix, 'bin')}${path.delimiter}${process.env.PATH}`,
      NODE_PATH: path.join(forPrefix, 'lib', 'node_modules'),
      NO_UPDATE_NOTIFIER: '1',
      GIT_CONFIG_GLOBAL: gitConfig,
    };
  }

  function run(command: string, args: string[], cwd: string, forPrefix: string) {
    const result = spawnSync(command, args, { cwd, env: environment(forPrefix), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  function assertDocumentSite(site: string): void {
    assert.deepEqual(
      Object.keys(folderListing(site)).sort(),
      ['.gitignore', '.yo-rc.json', 'ConfigurePython/', 'ConfigurePython/ConfigurePython.py', 'README.md', 'azure/', 'azure/azuredeploy.json', 'handler.fcgi', 'web.config'],
    );
    const handler = parseWebConfig(readText(site, 'web.config')).getElementsByTagName('handlers')[0]!.getElementsByTagName('add')[0]!;
    assert.equal(handler.getAttribute('scriptProcessor'), 'D:\\Python27\\python.exe|D:\\Python27\\Scripts\\wfastcgi.py');
    assert.equal(checkWsgiModule(site, 'ConfigurePython', 'application')[0]!.body, 'Hello from Azure Websites\n');
  }

  before(() => {
    home = userFolder('home-');
    writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Test User\n\temail = test@example.com\n');
    if (asRoot) chownSync(path.join(home, '.gitconfig'), 1000, 1000);
    const packFolder = temporaryFolder('pack-');
    execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', packFolder], { cwd: packageRoot, stdio: 'pipe' });
    const tarball = path.join(packFolder, readdirSync(packFolder)[0]!);
    prefix = temporaryFolder('prefix-');
    npmInstallGlobal(prefix, tarball, 'yo@7');
    linkedPrefix = temporaryFolder('linked-prefix-');
    // Installing a folder links it, as `npm link` does: the checkout's TypeScript sources are then beside the build.
    npmInstallGlobal(linkedPrefix, packageRoot, 'yo@7');
  });

  it('holds the compiled generators and templates, not the TypeScript sources', () => {
    const installed = path.join(prefix, 'lib', 'node_modules', 'generator-azure-python');
    const files = Object.keys(folderListing(installed)).filter(file => !file.startsWith('node_modules/'));
    assert.ok(files.includes('dist/generators/app/index.js'));
    assert.ok(files.includes('templates/webconfig/web.config.ejs'));
    assert.deepEqual(files.filter(file => file.endsWith('.ts') && !file.endsWith('.d.ts')), []);
    assert.ok(!files.some(file => file.startsWith('test/') || file.startsWith('dist/test/')));
  });

  it('yo azure-python my-site --yes', () => {
    const work = userFolder('yo-');
    run(path.join(prefix, 'bin', 'yo'), ['azure-python', 'my-site', '--yes'], work, prefix);
    assertDocumentSite(path.join(work, 'my-site'));
  });

  it('yo azure-python without a terminal and with answers missing fails at once', () => {
    const work = userFolder('yo-no-tty-');
    const result = spawnSync(path.join(prefix, 'bin', 'yo'), ['azure-python', 'my-site', '--module', 'Shop'], {
      cwd: work,
      env: environment(prefix),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    assert.equal(result.signal, null, 'did not wait for input');
    assert.equal(result.status, 1);
    // The bin's one line, without yo's "Error <args>" or Yeoman's "An error occured while running".
    assert.equal(
      result.stderr.trim(),
      'generator-azure-python: No terminal to ask for --host, --framework, --site-name, --callable, --server, --python, --interpreter, --wfastcgi, --config, --site-root, --routing, --static-dir, --serve-files, --wsgi-log, --ci, --git, --remote: pass them as options, or --yes to use the defaults.',
    );
    assert.deepEqual(folderListing(work), {});
  });

  it('yo azure-python:webconfig in an existing folder', () => {
    const work = userFolder('yo-sub-');
    run(path.join(prefix, 'bin', 'yo'), ['azure-python:webconfig', '--yes', '--python', '3.4'], work, prefix);
    assert.match(readText(work, 'web.config'), /D:\\Python34\\python\.exe/);
  });

  it('npx generator-azure-python my-site --yes (the package bin)', () => {
    const work = userFolder('bin-');
    run(path.join(prefix, 'bin', 'generator-azure-python'), ['my-site', '--yes'], work, prefix);
    assertDocumentSite(path.join(work, 'my-site'));
    // The doctor ships with its Python probe: the installed package runs the module.
    const doctor = run(path.join(prefix, 'bin', 'generator-azure-python'), ['doctor', 'my-site'], work, prefix);
    assert.match(doctor.stdout, /^PASS ConfigurePython\.application imports, and answers a request for my-site\.azurewebsites\.net through wsgiref\.validate/m);
  });

  it("import { generateSite } from 'generator-azure-python', with its types", () => {
    const project = temporaryFolder('api-');
    mkdirSync(path.join(project, 'node_modules'));
    const installed = path.join(prefix, 'lib', 'node_modules', 'generator-azure-python');
    symlinkSync(installed, path.join(project, 'node_modules', 'generator-azure-python'));
    const script = "import { generateSite } from 'generator-azure-python'; const { files } = await generateSite({ destination: 'site', git: false }); console.log(files.join(','));";
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), '.yo-rc.json,ConfigurePython/ConfigurePython.py,README.md,azure/azuredeploy.json,handler.fcgi,web.config');
    assert.ok(readText(installed, 'dist/lib/api.d.ts').includes('export declare function generateSite('));
  });

  it('yo azure-python from a linked checkout', () => {
    const work = userFolder('linked-');
    mkdirSync(path.join(work, 'my-site'));
    if (asRoot) chownSync(path.join(work, 'my-site'), 1000, 1000);
    run(path.join(linkedPrefix, 'bin', 'yo'), ['azure-python', 'my-site', '--yes'], work, linkedPrefix);
    assertDocumentSite(path.join(work, 'my-site'));
  });
});
