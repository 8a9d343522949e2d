import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../lib/engine/package-root.js';
import { badKeptAnswers, badOptions, userSite } from '../bad-values.js';
import { assertRefused, folderListing, runBin, runGenerator, temporaryFolder } from '../helpers.js';


describe('bad input: one line, a non-zero exit, nothing written', () => {
  // Every value is refused by the one pre-check (test/unit/bad-input.test.ts); through the bin,
  // the first of each option proves the contract end to end.
  const firstOfEachOption = badOptions.filter(([option], index) => badOptions.findIndex(([other]) => other === option) === index);
  for (const [option, value, rule] of firstOfEachOption) {
    it(`--${option} ${JSON.stringify(value)}`, () => {
      assertRefused(userSite(), ['--yes', `--${option}`, value], `--${option}: `, rule);
    });
  }

  for (const [key, value, rule] of badKeptAnswers) {
    it(`.yo-rc.json "${key}": ${JSON.stringify(value)}`, () => {
      assertRefused(userSite({ [key]: value }), ['--yes'], `.yo-rc.json "${key}": `, rule);
    });
  }

  it('a .yo-rc.json that is not JSON', () => {
    const folder = userSite();
    writeFileSync(path.join(folder, '.yo-rc.json'), '{ "generator-azure-python": ');
    assertRefused(folder, ['--yes'], `${folder}/.yo-rc.json is not valid JSON`, /fix or remove it\.$/);
  });

  it('an unknown option, and an option without its value', () => {
    assertRefused(userSite(), ['--yes', '--modul', 'Shop'], "unknown option '--modul'", /\(Did you mean --module\?\)$/);
    assertRefused(userSite(), ['webconfig', '--yes', '--routng', 'wildcard'], "unknown option '--routng'", /Did you mean --routing\?/);
    assertRefused(userSite(), ['--yes', '--module'], "option '--module <value>' argument missing", /argument missing$/);
  });

  it('a refused combination is refused before Yeoman is loaded', () => {
    const loads = path.join(temporaryFolder(), 'loads.txt');
    const recorder = path.join(packageRoot, 'test', 'support', 'record-loads.mjs');
    const env = { ...process.env, RECORD_LOADS: loads, NODE_OPTIONS: `--import=${recorder}` };
    for (const args of [['--yes', '--python', '3.12', '--host', 'azure'], ['linux', '--yes', '--host', 'iis'], ['provision', '--yes', '--host', 'iis']]) {
      writeFileSync(loads, '');
      const folder = userSite();
      const before = folderListing(folder);
      const { status, stdout, stderr } = runBin(args, folder, env);
      assert.equal(status, 1, args.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, /^generator-azure-python: --(python|host): [^\n]+\n$/);
      assert.deepEqual(folderListing(folder), before);
      const loaded = readFileSync(loads, 'utf8');
      assert.match(loaded, /dist\/bin\/start\.cjs/, 'the recorder sees the modules the bin loads');
      assert.doesNotMatch(loaded, /node_modules\/(yeoman-environment|yeoman-generator)\//, `${args.join(' ')} loads no Yeoman module`);
    }
  });

  it('an answers file or .yo-rc.json that is no regular file (a FIFO, /dev/zero) is refused, never read', () => {
    const folder = userSite();
    execFileSync('mkfifo', [path.join(folder, 'answers.json')]);
    assertRefused(folder, ['--yes', '--answers', 'answers.json'], '--answers: cannot read answers.json', /\(it is not a regular file\)$/);
    assertRefused(folder, ['--yes', '--answers', '/dev/zero'], '--answers: cannot read /dev/zero', /\(it is not a regular file\)$/);
    const fifoSite = temporaryFolder();
    execFileSync('mkfifo', [path.join(fifoSite, '.yo-rc.json')]);
    assertRefused(fifoSite, ['--yes'], `${fifoSite}/.yo-rc.json cannot be read`, /it is not a regular file\): fix or remove it\.$/);
  });

  it('a UTF-16 web.config is left as it is, with one line saying so', () => {
    const folder = userSite();
    writeFileSync(path.join(folder, 'web.config'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<configuration/>\r\n', 'utf16le')]));
    assertRefused(folder, ['webconfig', '--yes'], 'web.config is UTF-16', /save it as UTF-8 .*it was left as it is\.$/);
  });

  it('a web.config, module folder or .gitignore that is a link out of the site is never written through: one line, or --force replaces the link', () => {
    const outside = temporaryFolder('outside-');
    writeFileSync(path.join(outside, 'web.config'), '<configuration/>\n');
    mkdirSync(path.join(outside, 'module'));
    writeFileSync(path.join(outside, 'gitignore'), 'mine\n');
    const outsideBefore = folderListing(outside);
    for (const [link, target, args] of [
      ['web.config', path.join(outside, 'web.config'), ['webconfig', '--yes']],
      ['Kept', path.join(outside, 'module'), ['module', '--yes']],
      ['.gitignore', path.join(outside, 'gitignore'), ['git', '--yes', '--no-commit']],
      ['web.config', path.join(outside, 'missing.config'), ['webconfig', '--yes']],
    ] as const) {
      const folder = userSite();
      symlinkSync(target, path.join(folder, link));
      const what = existsSync(target) ? `a link to ${target}, outside the site` : `a link to ${target}, which does not exist`;
      assertRefused(folder, [...args], `Not written: ${link} is ${what}.`, /Nothing was changed: remove it, or run again with --force to replace the link with the file\.$/);
      if (link === 'web.config' && existsSync(target)) {
        const forced = runBin([...args, '--force'], folder);
        assert.equal(forced.status, 0, forced.stderr);
        assert.ok(!lstatSync(path.join(folder, link)).isSymbolicLink(), `${link} is now the site's own`);
        assert.match(readFileSync(path.join(folder, link), 'utf8'), /<add key="WSGI_HANDLER" value="Kept\.application" \/>/);
      }
    }
    assert.deepEqual(folderListing(outside), outsideBefore, 'nothing outside the site was touched');
  });

  it('a folder where the site needs a file (handler.fcgi) is one line, never a bare EISDIR', () => {
    const folder = userSite();
    mkdirSync(path.join(folder, 'handler.fcgi'));
    assertRefused(folder, ['webconfig', '--yes'], 'Not written: handler.fcgi is a folder, where the site needs a file.', /Nothing was changed: move it away, then run again\.$/);
  });

  it('under yo, the generators make the same check before writing', async () => {
    const folder = userSite();
    const outside = path.join(temporaryFolder('outside-'), 'web.config');
    writeFileSync(outside, '<configuration/>\n');
    symlinkSync(outside, path.join(folder, 'web.config'));
    const before = folderListing(folder);
    await assert.rejects(runGenerator('webconfig', { yes: true }, { folder, askOnConflict: true }), /^Error: Not written: web\.config is a link to .*, outside the site\./);
    assert.deepEqual(folderListing(folder), before);
    assert.equal(readFileSync(outside, 'utf8'), '<configuration/>\n');
  });

});
