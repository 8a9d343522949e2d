import assert from 'node:assert/strict';
import { generatorNames } from '../../lib/engine/registry.js';
import { folderListing, git, runBin, temporaryFolder } from '../helpers.js';

// Each generator run twice through the bin: a file of its own, so that it runs beside the others.
describe('running again: every generator', () => {
  const siteOptions: Record<string, string[]> = {
    app: ['--yes', '--static-dir', 'static', '--wsgi-log', 'D:\\home\\LogFiles\\wfastcgi.log', '--remote', 'https://me@site.scm.azurewebsites.net/site.git'],
    module: ['--yes', '--module', 'Shop'],
    webconfig: ['--yes', '--routing', 'wildcard', '--static-dir', 'assets'],
    portal: ['--yes', '--site-name', 'contoso-py'],
    git: ['--yes'],
    linux: ['--yes', '--site-name', 'contoso-linux', '--python', '3.11'],
    provision: ['--yes', '--site-name', 'contoso-py', '--python', '3.6'],
    readme: ['--yes', '--site-name', 'contoso-py', '--host', 'iis'],
  };
  // The doctor writes nothing (without --fix): it has its own tests.
  for (const name of generatorNames.filter(candidate => candidate !== 'doctor')) {
    it(`${name}: a second run with the kept answers changes nothing and asks nothing`, () => {
      const folder = temporaryFolder();
      const generator = name === 'app' ? [] : [name];
      const first = runBin([...generator, ...siteOptions[name]!], folder);
      assert.equal(first.status, 0, first.stderr);
      const before = folderListing(folder);
      const head = name === 'app' || name === 'git' ? git(folder, 'rev-parse', 'HEAD') : undefined;
      // No option at all, and no terminal: every answer comes from .yo-rc.json.
      const second = runBin(generator, folder);
      assert.equal(second.status, 0, second.stderr);
      assert.deepEqual(folderListing(folder), before);
      assert.doesNotMatch(second.stderr, /^ *(create|force|conflict) /m, "Yeoman reports no file written");
      if (head) assert.equal(git(folder, 'rev-parse', 'HEAD'), head, 'no new commit');
    });
  }
});
