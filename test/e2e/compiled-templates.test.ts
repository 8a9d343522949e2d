import assert from 'node:assert/strict';
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { generateSite, type GenerateSiteOptions } from '../../lib/api.js';
import { compiledTemplates } from '../../lib/engine/compiled-templates.js';
import { templateCatalog } from '../../lib/engine/templates.js';
import { packageRoot } from '../../lib/engine/package-root.js';
import { folderListing, runBin, temporaryFolder } from '../helpers.js';

/*
 * The packaged templates are compiled at build (scripts/compile-templates.ts), in strict mode;
 * an overlay's are compiled when rendered, through `with`. An overlay that is a copy of the
 * packaged templates makes every template go the second way: the sites must be the same.
 */

const copyOfPackaged = temporaryFolder('packaged-copy-');
cpSync(path.join(packageRoot, 'templates'), copyOfPackaged, { recursive: true });

// The one line made anew by each run: a generated Django project's SECRET_KEY.
const withoutSecretKey = (listing: Record<string, string>) => Object.fromEntries(Object.entries(listing).map(([file, text]) => [file, text.replace(/^SECRET_KEY = '[0-9a-f]{64}'$/m, "SECRET_KEY = '<made for the site>'")]));

const sites: readonly Omit<GenerateSiteOptions, 'destination'>[] = [
  {},
  { framework: 'flask', staticDir: 'static' },
  { framework: 'django' },
  { framework: 'bottle', moduleDir: '.', routing: 'wildcard' },
  { host: 'iis', framework: 'flask' },
  { host: 'linux', framework: 'flask', ci: 'github' },
  { host: 'linux', framework: 'django' },
  { server: 'httpplatform' },
  { config: 'portal', wsgiLog: 'D:\\home\\LogFiles\\wfastcgi.log' },
  { harden: false, provision: false, staticDir: 'static', serveFiles: 'static-only' },
];

describe('templates compiled at build', () => {
  it('every packaged template is compiled', () => {
    assert.deepEqual(Object.keys(compiledTemplates).sort(), Object.keys(templateCatalog).sort());
  });

  for (const answers of sites) {
    it(`the site is the one an overlay of the same templates gives: ${JSON.stringify(answers)}`, async () => {
      const compiled = path.join(temporaryFolder(), 'site');
      const overlaid = path.join(temporaryFolder(), 'site');
      await generateSite({ destination: compiled, git: false, ...answers });
      await generateSite({ destination: overlaid, git: false, templates: copyOfPackaged, ...answers });
      const listing = withoutSecretKey(folderListing(compiled));
      assert.ok(Object.keys(listing).length > 3);
      assert.deepEqual(withoutSecretKey(folderListing(overlaid)), listing);
    });
  }

  it("migrate's files are the ones an overlay of the same templates gives", async () => {
    const sources = await Promise.all(['compiled', 'overlaid'].map(async () => {
      const site = path.join(temporaryFolder(), 'site');
      await generateSite({ destination: site, git: false, framework: 'flask', staticDir: 'static' });
      return site;
    }));
    const [compiled, overlaid] = sources as [string, string];
    assert.equal(runBin(['migrate', '--yes'], compiled).status, 0);
    const result = runBin(['migrate', '--yes', '--templates', copyOfPackaged], overlaid);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(readdirSync(compiled).includes('MIGRATION.md'));
    assert.deepEqual(folderListing(overlaid), folderListing(compiled));
  });
});
