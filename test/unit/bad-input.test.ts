import assert from 'node:assert/strict';
import { checkAll, snapshotDestination } from '../../lib/answers/resolve.js';
import { generators } from '../../lib/engine/registry.js';
import { badKeptAnswers, badOptions, userSite } from '../bad-values.js';
import { folderListing } from '../helpers.js';

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
});
