import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSite, InvalidAnswerError, type GenerateSiteOptions } from '../../lib/api.js';
import { folderListing, temporaryFolder } from '../helpers.js';

const parent = temporaryFolder();

/** generateSite refuses `options` with an InvalidAnswerError whose line matches `message`, and writes nothing. */
async function assertRefused(options: unknown, message: RegExp): Promise<void> {
  const before = folderListing(parent);
  await assert.rejects(generateSite(options as GenerateSiteOptions), (error: unknown) => {
    assert.ok(error instanceof InvalidAnswerError, String(error));
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /(^|\s)--\w/, 'the API speaks of keys, not of the command line\'s options');
    return true;
  });
  assert.deepEqual(folderListing(parent), before, 'nothing is written, the destination is not even created');
}

describe('generateSite: its argument is checked like the CLI options, by key', () => {
  const site = () => path.join(parent, 'site');

  it('a missing, empty or non-string destination', async () => {
    await assertRefused({}, /^destination: the folder to generate the site in is required/);
    await assertRefused({ destination: '' }, /^destination: "" is not allowed: the folder to generate the site in is required/);
    await assertRefused({ destination: 5 }, /^destination: 5 is not allowed: a string is expected$/);
    await assertRefused(undefined, /^generateSite: it takes an object of options/);
  });

  it('an unknown key, named, with the keys there are', async () => {
    await assertRefused({ destination: site(), sitename: 'x' }, /^generateSite: "sitename" is not one of its options, which are destination, answersFile, templates, commit, force, log, host, framework, siteName, /);
    await assertRefused({ destination: site(), 'site-name': 'x' }, /^generateSite: "site-name" is not one of its options/);
  });

  it('a value of the wrong type', async () => {
    await assertRefused({ destination: site(), commit: 'no' }, /^commit: "no" is not allowed: a boolean is expected$/);
    await assertRefused({ destination: site(), templates: 5 }, /^templates: 5 is not allowed: a string is expected$/);
    await assertRefused({ destination: site(), log: 'x' }, /^log: "x" is not allowed: a function is expected$/);
    await assertRefused({ destination: site(), git: 'yes' }, /^git: "yes" is not allowed: a boolean is expected$/);
    await assertRefused({ destination: site(), module: 42 }, /^module: 42 is not allowed: a string is expected$/);
  });

  it("an answer's rule, and a rule between answers, name the keys", async () => {
    await assertRefused({ destination: site(), module: 'class' }, /^module: "class" is not allowed: use a Python identifier/);
    await assertRefused({ destination: site(), python: '3.12' }, /^python: "3\.12" is not allowed: on host: "azure", use one of /);
    await assertRefused({ destination: site(), serveFiles: 'static-only' }, /^serveFiles: "static-only" is not allowed: it needs staticDir, the folder/);
    await assertRefused({ destination: site(), interpreter: 'C:\\Python312\\python.exe' }, /^interpreter: it needs wfastcgi too/);
    await assertRefused({ destination: site(), server: 'httpplatform', routing: 'rewrite' }, /^routing: "rewrite" is not allowed: with server: "httpplatform" the handler takes every path/);
    await assertRefused({ destination: site(), config: 'portal', host: 'iis' }, /: use host: "azure" and server: "fastcgi", or config: "webconfig"$/);
  });

  it('an answers file: named by its key, and its own keys named as in the file', async () => {
    await assertRefused({ destination: site(), answersFile: path.join(parent, 'missing.json') }, /^answersFile: cannot read .*missing\.json \(ENOENT\)$/);
    const file = path.join(temporaryFolder(), 'answers.json');
    writeFileSync(file, JSON.stringify({ 'static-dir': 'bin' }));
    await assertRefused({ destination: site(), answersFile: file }, /^.*answers\.json "static-dir": "bin" is not allowed: IIS hides every URL with a \/bin segment/);
  });
});
