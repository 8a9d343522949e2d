import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { requestOutcome } from '../../lib/iis/request-pipeline.js';
import { serveSite } from '../../lib/serve/serve.js';
import { readExistingSite } from '../../lib/site/existing.js';
import { corpusExpectations } from '../fixtures/corpus-apps.js';
import { webConfigCorpus, type WebConfigFixture } from '../fixtures/web-config-corpus.js';
import { callThroughWfastcgi, folderWith, pythonWith } from '../helpers.js';

/*
 * `serve` on the corpus of public web.config files: each site served through the real server,
 * each of its URLs requested over loopback. Serve must answer as IIS routes the file (the IIS
 * model, which the URL Rewrite and static file tests hold to IIS's documentation): a file, byte
 * for byte; IIS's refusal; or the app's answer, compared with wfastcgi's resolution of
 * WSGI_HANDLER called on its own (test/python/handler_call.py), status and body.
 */

function get(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { timeout: 60_000 }, response => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    request.on('timeout', () => request.destroy(new Error(`${url}: no answer in 60 s`)));
    request.on('error', reject).end();
  });
}

function frameworkOf(fixture: WebConfigFixture): string {
  const text = Object.values(fixture.files).join('\n');
  return /django/i.test(text) ? 'django' : /bottle/.test(text) ? 'bottle' : 'flask';
}

/**
 * Visual Studio's virtualenv proxy is deployed by Visual Studio, not kept in these repositories
 * (one keeps a stub of it): here, wfastcgi cannot get WSGI_HANDLER from it.
 */
function throughVirtualenvProxy(folder: string): boolean {
  return /^ptvs_virtualenv_proxy\./.test(readExistingSite(folder).settings.WSGI_HANDLER ?? '');
}

describe('serve: the corpus of public web.config files, route by route', function () {
  this.timeout(120_000);
  for (const fixture of webConfigCorpus) {
    const source = fixture.imitates.thread ?? `${fixture.imitates.repository}/${fixture.imitates.path}`;
    const expected = corpusExpectations[fixture.name] ?? {};
    it(`${fixture.name} (${source})`, async () => {
      const folder = folderWith(fixture.files, 'serve-corpus-');
      const python = pythonWith(frameworkOf(fixture));
      const lines: string[] = [];
      if (expected.refused) {
        // IIS answers 500.19 for a web.config it cannot read; a WSGI_HANDLER wfastcgi cannot import is said at the start.
        await assert.rejects(serveSite(folder, { port: 0, python, say: line => lines.push(line) }), /500\.19|cannot import it either/);
        return;
      }
      const site = await serveSite(folder, { port: 0, python, hostHeader: 'localhost', say: line => lines.push(line) });
      try {
        const fails = expected.fails ?? fixture.appFails;
        for (const url of Object.keys(fixture.routes)) {
          // The routes are what the corpus's authors meant after a merge; this is the file as it is, which IIS routes as the model says.
          const outcome = requestOutcome(folder, url, { host: 'localhost', siteHandlers: site.handlers });
          const got = await get(`${site.url}${url}`);
          const said = `${fixture.name}: ${url} (${lines.at(-1) ?? ''})`;
          if (outcome.kind === 'not found' || outcome.kind === 'refused') {
            assert.equal(got.status, Number.parseInt(outcome.status, 10), said);
          } else if (outcome.kind === 'file') {
            assert.equal(got.status, 200, said);
            assert.ok(got.body.equals(readFileSync(path.join(folder, ...outcome.file.split('/')))), `${said}: the file, byte for byte`);
          } else if (fails || throughVirtualenvProxy(folder)) {
            assert.equal(got.status, 500, said);
            assert.match(got.body.toString('utf8'), fails ?? /Error occurred while reading WSGI handler[\s\S]*ptvs_virtualenv_proxy/, said);
          } else {
            assert.equal(outcome.kind, 'python', said);
            const paths = expected.paths?.map(entry => path.join(folder, entry));
            const wfastcgi = callThroughWfastcgi(folder, python, url, { handler: expected.handler, paths, https: true });
            assert.equal(got.status, Number(wfastcgi.status.slice(0, 3)), `${said}: ${got.body.toString('utf8').slice(0, 400)}`);
            assert.equal(got.body.toString('utf8'), wfastcgi.body, said);
          }
        }
      } finally {
        await site.close();
      }
    });
  }
});
