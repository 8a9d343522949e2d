import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { packageRoot } from '../../lib/engine/package-root.js';

// A benchmark is not a test: nothing here is timed. This only keeps `npm run bench` working.
describe('npm run bench', function () {
  this.timeout(180_000);

  it('runs one quick iteration and prints every figure with its goal', () => {
    const result = spawnSync(process.execPath, [path.join(packageRoot, 'dist', 'bench', 'run.js'), '--quick'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.split('\n');
    for (const label of ['(a)        bin: full site, no git (direct)', '(a-yeoman) bin: the same through Yeoman', '(b)        yo azure-python: the same', '(c-bin)    floor: minimal generator, own bin', '(c-yo)     floor: yo bench-minimal', '(k)        cookiecutter, Azure web-app template']) {
      assert.ok(lines.some(line => line.startsWith(label) && /\d+ ms +\d+-\d+ ms +(\d+ ms|n\/a) +\d+ MB$/.test(line)), `a row for ${label}`);
    }
    const ratio = '\\d+\\.\\d\\d \\(\\d+\\.\\d\\d-\\d+\\.\\d\\d\\)';
    assert.match(result.stdout, new RegExp(`^\\(a\\)/\\(k\\) {8}= ${ratio} {3}goal: at most 0\\.30 .* (holds|MISSED)$`, 'm'));
    assert.match(result.stdout, new RegExp(`^\\(a-yeoman\\)/\\(c-bin\\) = ${ratio} {3}goal: at most 1\\.10 .* (holds|MISSED)$`, 'm'));
    assert.match(result.stdout, new RegExp(`^\\(b\\)/\\(c-yo\\) {5}= ${ratio} {3}goal: at most 1\\.10 +(holds|MISSED)$`, 'm'));
    assert.match(result.stdout, new RegExp(`^\\(b\\)/\\(a\\) {8}= ${ratio} {3}goal: at least 1\\.50 .* (holds|MISSED)$`, 'm'));
    assert.match(result.stdout, /^ {2}per site: \d+\.\d ms \(median\) {3}goal: at most 5 ms {3}(holds|MISSED)$/m);
    assert.match(result.stdout, /^ {2}resident memory growth from site \d+ to site \d+: -?\d+\.\d MB {3}goal: at most 20 MB \(flat\) {3}(holds|MISSED)$/m);
    assert.match(result.stdout, /^ {2}kept of a finished run by young collections \(one after each site, no full one\): \d+\.\d KB a site, promoted {3}held under 4 KB by a test {3}(holds|MISSED)$/m);
    assert.match(result.stdout, /^ {2}the same in node --max-semi-space-size=8: -?\d+\.\d MB, \d+\.\d ms per site \(no goal: node's flag, not the package's\)$/m);
    assert.match(result.stdout, /^ +1 MB \(\d+ rules\): \d+ ms, \d+ ms CPU, \d+ MB$/m);
    assert.match(result.stdout, /NODE_EXTRA_CA_CERTS unset/);
    assert.match(result.stdout, /^install footprint of the packed package: \d+ packages, \d+\.\d MB on disk/m);
    assert.match(result.stdout, /^ {2}yeoman-environment +\d+ ms$/m);
    assert.match(result.stdout, /^runtime dependencies the package's code does not import: none /m);
  });
});
