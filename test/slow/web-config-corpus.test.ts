import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requestOutcome } from '../../lib/iis/request-pipeline.js';
import { schemaProblems } from '../../lib/iis/schema.js';
import { readExistingSite } from '../../lib/site/existing.js';
import { webConfigCorpus, type WebConfigFixture } from '../fixtures/web-config-corpus.js';
import { callThroughWfastcgi, folderListing, folderWith, parseXml, pythonWith, runBin } from '../helpers.js';

/*
 * The corpus of real web.config files, each through the bin as its owner would run it:
 * `generator-azure-python webconfig --yes` in the site folder, no terminal, no --force.
 */

function siteOf(fixture: WebConfigFixture): string {
  return folderWith(fixture.files, 'corpus-');
}

function optionArguments(options: WebConfigFixture['options'] = {}): string[] {
  return Object.entries(options).flatMap(([name, value]) => (value === true ? [`--${name}`] : value === false ? [`--no-${name}`] : [`--${name}`, value]));
}

/** Whether `lines` holds every one of `original`, each byte for byte and in order (what a merge that only adds leaves). */
function holdsInOrder(lines: string[], original: string[]): string | undefined {
  let next = 0;
  for (const line of lines) if (next < original.length && line === original[next]) next++;
  return next === original.length ? undefined : original[next];
}

/** The web.config files of a site, by path. */
const webConfigsOf = (fixture: WebConfigFixture) => Object.keys(fixture.files).filter(file => path.basename(file).toLowerCase() === 'web.config');

/** The refusal or conflict line: what is printed apart from the detection's info lines. */
function refusalLines(stderr: string): string[] {
  return stderr.trimEnd().split('\n').filter(line => line.trim() !== '' && !/^\s+info /.test(line));
}

describe('web.config corpus: real files merged, refused or shown as a conflict, as their owners need', function () {
  this.timeout(120_000);

  it('has at least 25 files, each naming the public source it imitates', () => {
    const files = webConfigCorpus.flatMap(webConfigsOf);
    assert.ok(files.length >= 25, `${files.length} web.config files`);
    for (const fixture of webConfigCorpus) {
      assert.match(fixture.imitates.repository, /^[\w.-]+\/[\w.-]+$/, fixture.name);
      assert.ok(fixture.imitates.path ?? fixture.imitates.thread, `${fixture.name} names a path or a thread`);
      if (!('merged' in fixture.outcome)) assert.ok(fixture.why, `${fixture.name} says why it is not merged`);
    }
  });

  for (const fixture of webConfigCorpus) {
    const source = fixture.imitates.thread ?? `${fixture.imitates.repository}/${fixture.imitates.path}`;
    const { outcome } = fixture;

    if ('merged' in outcome) {
      it(`${fixture.name} (${source}): merged with no --force, everything of the user's kept byte for byte, routed as the file meant`, () => {
        const folder = siteOf(fixture);
        const { status, stderr } = runBin(['webconfig', '--yes', ...optionArguments(fixture.options)], folder);
        assert.equal(status, 0, stderr);
        for (const file of webConfigsOf(fixture)) {
          const original = fixture.files[file]!;
          const merged = readFileSync(path.join(folder, file), 'utf8');
          // Its name, byte-order mark and line ends are the file's own.
          assert.equal(merged.startsWith('\uFEFF'), original.startsWith('\uFEFF'), `${file}: byte-order mark`);
          assert.equal(/\r\n/.test(merged), /\r\n/.test(original), `${file}: CRLF`);
          if (original.includes('\r\n')) assert.doesNotMatch(merged.replace(/\r\n/g, ''), /\n/, `${file}: no lone LF in a CRLF file`);
          // Only additions without a terminal: every line of the original is still there, as it was, in its order.
          const missing = holdsInOrder(merged.split(/\r?\n/), original.replace(/^\uFEFF/, '').split(/\r?\n/));
          assert.equal(missing, undefined, `${file}: a line of the original is gone or changed: ${missing}`);
          assert.deepEqual(schemaProblems(parseXml(merged.replace(/^\uFEFF/, ''))), [], `${file}: IIS's schema`);
        }
        for (const [url, route] of Object.entries(fixture.routes)) {
          assert.equal(requestOutcome(folder, url).kind, route, `${url} is ${route}, as the original meant`);
        }
        const site = readExistingSite(folder);
        // The user's app is what the site serves: its handler resolved the way wfastcgi resolves it, and called.
        const framework = /django/i.test(site.settings.WSGI_HANDLER ?? '') || site.settings.DJANGO_SETTINGS_MODULE ? 'django' : fixture.files['app.py']?.includes('bottle') ? 'bottle' : 'flask';
        if (fixture.appFails) {
          assert.throws(() => callThroughWfastcgi(folder, pythonWith(framework)), fixture.appFails);
        } else {
          const answer = callThroughWfastcgi(folder, pythonWith(framework));
          assert.equal(answer.status, '200 OK', JSON.stringify(answer));
        }

        const before = folderListing(folder);
        const again = runBin(['webconfig', '--yes', ...optionArguments(fixture.options)], folder);
        assert.equal(again.status, 0, again.stderr);
        assert.deepEqual(folderListing(folder), before, 'a re-run changes nothing');
      });
    } else {
      const kind = 'conflict' in outcome ? 'a conflict' : 'refused';
      it(`${fixture.name} (${source}): ${kind}, in one line, with nothing written`, () => {
        const folder = siteOf(fixture);
        const before = folderListing(folder);
        const { status, stderr, stdout } = runBin(['webconfig', '--yes', ...optionArguments(fixture.options)], folder);
        assert.equal(status, 1, stderr);
        assert.equal(stdout, '');
        const lines = refusalLines(stderr);
        assert.equal(lines.length, 1, stderr);
        assert.match(lines[0]!, 'conflict' in outcome ? /^generator-azure-python: Not overwritten without a terminal to ask: / : /^generator-azure-python: /);
        assert.match(lines[0]!, 'conflict' in outcome ? outcome.conflict : outcome.refused);
        assert.deepEqual(folderListing(folder), before, 'nothing written');
      });
    }
  }
});
