import assert from 'node:assert/strict';
import type { GeneratorName } from '../lib/engine/registry.js';
import { folderListing, git, runBin, temporaryFolder } from './helpers.js';

/*
 * A generator run twice through the bin, the second time with no option and no terminal:
 * every answer comes from .yo-rc.json, and nothing changes. The app's run is an end-to-end
 * test; every other generator's, a slow one.
 */
const siteOptions: Record<string, string[]> = {
  app: ['--yes', '--static-dir', 'static', '--wsgi-log', 'D:\\home\\LogFiles\\wfastcgi.log', '--remote', 'https://me@site.scm.azurewebsites.net/site.git'],
  module: ['--yes', '--module', 'Shop'],
  webconfig: ['--yes', '--routing', 'wildcard', '--static-dir', 'assets'],
  portal: ['--yes', '--site-name', 'contoso-py'],
  git: ['--yes'],
  linux: ['--yes', '--site-name', 'contoso-linux', '--python', '3.11'],
  provision: ['--yes', '--site-name', 'contoso-py', '--python', '3.6'],
  readme: ['--yes', '--site-name', 'contoso-py', '--host', 'iis'],
  workflow: ['--yes', '--site-name', 'contoso-linux', '--host', 'linux'],
  migrate: ['--yes'],
};

/** What a generator runs in, made first by the app: migrate moves a Windows site. */
const madeFirst: Partial<Record<string, string[]>> = {
  migrate: ['--yes', '--no-git', '--site-name', 'contoso-py', '--framework', 'flask'],
};

export function assertRerunChangesNothing(name: GeneratorName): void {
  const folder = temporaryFolder();
  const generator = name === 'app' ? [] : [name];
  const made = madeFirst[name];
  if (made) assert.equal(runBin(made, folder).status, 0);
  const first = runBin([...generator, ...siteOptions[name]!], folder);
  assert.equal(first.status, 0, first.stderr);
  const before = folderListing(folder);
  const head = name === 'app' || name === 'git' ? git(folder, 'rev-parse', 'HEAD') : undefined;
  // No option at all, and no terminal: every answer comes from .yo-rc.json.
  const second = runBin(generator, folder);
  assert.equal(second.status, 0, second.stderr);
  assert.deepEqual(folderListing(folder), before);
  assert.doesNotMatch(second.stderr, /^ *(create|force|conflict) /m, 'Yeoman reports no file written');
  if (head) assert.equal(git(folder, 'rev-parse', 'HEAD'), head, 'no new commit');
}
