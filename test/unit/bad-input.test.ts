import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkAll, snapshotDestination } from '../../lib/answers/resolve.js';
import { readAnswersFile } from '../../lib/answers/sources.js';
import { generators } from '../../lib/engine/registry.js';
import { badKeptAnswers, badOptions, userSite } from '../bad-values.js';
import { folderListing, temporaryFolder } from '../helpers.js';

/** The line the bin prints for what the one pre-check throws. */
function refusal(folder: string, options: Record<string, unknown>): string {
  try {
    checkAll({ names: generators.app.answers, options: { yes: true, ...options }, canPrompt: false }, snapshotDestination(folder));
  } catch (error) {
    return `generator-azure-python: ${(error as Error).message}`;
  }
  assert.fail(`${JSON.stringify(options)} is accepted`);
}

function assertRefused(folder: string, options: Record<string, unknown>, naming: string, rule: RegExp): void {
  const before = folderListing(folder);
  const line = refusal(folder, options);
  assert.ok(!line.includes('\n'), `one line: ${line}`);
  assert.ok(line.startsWith(`generator-azure-python: ${naming}`), `names ${naming}: ${line}`);
  assert.match(line, rule);
  assert.ok(!line.includes('s3cret'), 'a password is never printed');
  assert.deepEqual(folderListing(folder), before, 'the folder is byte-identical, .yo-rc.json included');
}

describe('bad input: each value refused by the one pre-check, with its rule', () => {
  it(`the corpus holds ${badOptions.length + badKeptAnswers.length} bad values`, () => {
    assert.ok(badOptions.length + badKeptAnswers.length >= 50);
  });

  for (const [option, value, rule] of badOptions) {
    it(`--${option} ${JSON.stringify(value)}`, () => {
      assertRefused(userSite(), { [option]: value }, `--${option}: `, rule);
    });
  }

  for (const [key, value, rule] of badKeptAnswers) {
    it(`.yo-rc.json "${key}": ${JSON.stringify(value)}`, () => {
      assertRefused(userSite({ [key]: value }), {}, `.yo-rc.json "${key}": `, rule);
    });
  }

  it('an error line shows at most about 80 characters of a value, its control characters escaped', () => {
    const escape = refusal(userSite(), { module: 'a\u001b]0;owned\u0007\u009b31m' });
    assert.doesNotMatch(escape, /[\u0000-\u001f\u007f-\u009f]/);
    assert.ok(escape.includes('"a\\u001b]0;owned\\u0007\\u009b31m"'), escape);
    const huge = refusal(userSite(), { module: 'x'.repeat(5_000_000) });
    assert.ok(huge.length < 400, `${huge.length} characters`);
    assert.match(huge, /"x{70,}…" \(5000000 characters\) is not allowed: /);
  });

  it('an answers file that is not JSON: the position, never a snippet of it', () => {
    const file = path.join(temporaryFolder(), 'answers.json');
    writeFileSync(file, '{\n  "remote": "https://me:hunter2-secret@host/x.git",\n  oops\n}\n');
    assert.throws(() => readAnswersFile(file), (error: Error) => {
      assert.match(error.message, /is not valid JSON \(line 3, column 3\)$/);
      assert.doesNotMatch(error.message, /hunter2/);
      return true;
    });
  });

  it('an answers file with a UTF-8 byte-order mark is read', () => {
    const file = path.join(temporaryFolder(), 'answers.json');
    writeFileSync(file, '\uFEFF{"module": "Shop"}\n');
    assert.deepEqual(readAnswersFile(file).values, { module: 'Shop' });
  });
});
