import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { check, type Check } from '../doctor/check.js';
import { requestOutcome } from '../iis/request-pipeline.js';
import { filesOf, readExistingSite } from '../site/existing.js';
import { serveSite } from './serve.js';

/** Files of a site that must never be served: its answers, secrets, dependencies and configuration. */
const privateFiles = ['.yo-rc.json', '.env', 'requirements.txt', 'web.config', 'azure/appsettings.json', '.git/config'] as const;

const deepUrl = '/generator-azure-python/probe/a/deep/url';

function get(url: string): Promise<{ status: number; type?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { timeout: 60_000 }, response => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], body: Buffer.concat(chunks) }));
    });
    request.on('timeout', () => request.destroy(new Error('no answer within 60 s')));
    request.on('error', reject).end();
  });
}

/** A line of a body that says what went wrong: a traceback's last line, else its first. */
function telling(body: Buffer): string {
  const lines = body.toString('utf8').trim().split('\n').map(line => line.trim()).filter(Boolean);
  const last = [...lines].reverse().find(line => /^\w+(Error|Exception)\b/.test(line));
  return (last ?? lines[0] ?? '(empty)').slice(0, 200);
}

/**
 * The doctor's --probe: the site served here as its host serves it (serve), then the requests
 * a user makes first: /, a deep URL, a static file, and the private files. Each is a check of
 * what a user would see on the server. Runs the user's code, with `python`.
 */
export async function probeServedSite(folder: string, options: { python?: string; hostHeader?: string } = {}): Promise<Check[]> {
  const decided = new Map<string, string>();
  const served = await serveSite(folder, { port: 0, python: options.python, hostHeader: options.hostHeader, say: () => undefined, answered: (url, words) => decided.set(url, words) });
  // What ran of the site's: the doctor's --probe runs the user's code, and says so.
  const checks: Check[] = [check('probe', 'pass', `served here as its host would, running your code: ${served.runs}`)];
  try {
    const home = await get(`${served.url}/`);
    checks.push(
      home.status === 200
        ? check('probe-home', 'pass', `served here as on the server, / answers 200 (${home.type ?? 'no type'}): ${decided.get('/') ?? ''}`)
        : check('probe-home', 'fail', `served here as on the server, / answers ${home.status}: ${telling(home.body)} (${decided.get('/') ?? ''})`, 'run generator-azure-python serve and open / to see the whole answer'),
    );
    const deep = await get(`${served.url}${deepUrl}`);
    const reached = /FastCGI|proxied/.test(decided.get(deepUrl) ?? '');
    checks.push(
      reached || deep.status < 400
        ? check('probe-deep-url', 'pass', `a deep URL reaches the app (${deep.status})`)
        : check('probe-deep-url', 'fail', `a deep URL (${deepUrl}) never reaches the app: ${decided.get(deepUrl) ?? deep.status}`, 'route every URL that is not a file to the Python handler (npx generator-azure-python webconfig --yes writes the rules)'),
    );
    const site = readExistingSite(folder);
    if (site.host !== 'linux') {
      // A file of the site's own to show IIS serving, not one of the private files checked below.
      const staticFile = filesOf(folder).find(file => !file.startsWith('.') && !(privateFiles as readonly string[]).includes(file) && requestOutcome(folder, `/${file}`).kind === 'file');
      if (staticFile !== undefined) {
        const got = await get(`${served.url}/${staticFile}`);
        checks.push(
          got.status === 200
            ? check('probe-static', 'pass', `IIS serves ${staticFile} itself, as ${got.type}`)
            : check('probe-static', 'warn', `${staticFile} answers ${got.status}: ${decided.get(`/${staticFile}`) ?? ''}`),
        );
      }
    }
    const exposed: string[] = [];
    const refused: string[] = [];
    for (const file of privateFiles.filter(candidate => existsSync(path.join(folder, candidate)))) {
      const got = await get(`${served.url}/${file}`);
      if (got.status === 200 && got.body.equals(readFileSync(path.join(folder, file)))) exposed.push(file);
      else refused.push(`${file} ${decided.get(`/${file}`)?.split(' ')[0] ?? got.status}`);
    }
    if (exposed.length > 0) {
      checks.push(check('probe-private-files', 'fail', `anyone can download ${exposed.join(', ')}: the site serves ${exposed.length === 1 ? 'it' : 'them'} as ${exposed.length === 1 ? 'it is' : 'they are'}`, 'hide them (npx generator-azure-python webconfig --yes --harden writes the request filtering)'));
    } else if (refused.length > 0) {
      checks.push(check('probe-private-files', 'pass', `the private files are not served: ${refused.join(', ')}`));
    }
  } finally {
    await served.close();
  }
  return checks;
}
