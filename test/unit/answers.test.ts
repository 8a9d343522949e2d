import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { questions } from '../../lib/answers/questions.js';
import { applyDefaults, checkAll, snapshotDestination, type GivenAnswers } from '../../lib/answers/resolve.js';
import { generators, runOptions } from '../../lib/engine/registry.js';
import { parts } from '../../lib/plans/parts.js';
import { temporaryFolder } from '../helpers.js';

const appAnswers = generators.app.answers;

describe('answers: the one pre-check and the defaults', () => {
  it('a default is settled after the answers it reads, whatever order the questions come in', () => {
    const answers: GivenAnswers = { host: 'iis' };
    applyDefaults([...questions].reverse().filter(question => question.name !== 'host'), answers, { destination: '/sites/shop' });
    assert.equal(answers.siteName, 'shop');
    assert.equal(answers.siteRoot, 'C:\\inetpub\\shop');
    assert.equal(answers.interpreter, 'C:\\Python312\\python.exe');
    assert.equal(answers.wfastcgi, 'C:\\Python312\\Lib\\site-packages\\wfastcgi.py');
  });

  it('--yes: every answer is known, and the rules between them are checked before anything runs', () => {
    const folder = temporaryFolder();
    const { answers, missing } = checkAll({ names: appAnswers, options: { yes: true, host: 'linux' }, canPrompt: false }, snapshotDestination(folder));
    assert.deepEqual(missing, []);
    assert.equal(answers.python, '3.12');
    assert.equal(answers.routing, 'rewrite', 'ruled out on linux, still defaulted');
    assert.throws(
      () => checkAll({ names: appAnswers, options: { yes: true, python: '3.12' }, canPrompt: false }, snapshotDestination(folder)),
      /^InvalidAnswerError: --python: "3\.12" is not allowed: on --host azure, use one of 2\.7, /,
    );
  });

  it('without --yes: the missing answers are asked in a terminal, and refused in one line without one', () => {
    const folder = temporaryFolder();
    const request = { names: ['module', 'framework', 'callable'] as const, options: { module: 'Shop' } };
    assert.deepEqual(checkAll({ ...request, canPrompt: true }, snapshotDestination(folder)).missing.map(question => question.name), ['framework', 'callable']);
    assert.throws(() => checkAll({ ...request, canPrompt: false }, snapshotDestination(folder)), /^Error: No terminal to ask for --framework, --callable: pass them as options, or --yes to use the defaults\.$/);
  });

  it('given answers that contradict each other are refused even before the rest is asked', () => {
    const request = { names: appAnswers, options: { host: 'azure', python: '3.12' }, canPrompt: true };
    assert.throws(() => checkAll(request, snapshotDestination(temporaryFolder())), /--python: "3\.12" is not allowed/);
  });

  it('a snapshot of the destination: its entries by kind, and the answers it keeps', () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, '.yo-rc.json'), '{"generator-azure-python": {"module": "Kept"}}\n');
    mkdirSync(path.join(folder, 'static'));
    symlinkSync(path.join(folder, 'elsewhere'), path.join(folder, 'web.config'));
    const snapshot = snapshotDestination(folder);
    assert.deepEqual(Object.fromEntries(snapshot.entries), { '.yo-rc.json': 'file', static: 'folder', 'web.config': 'link' });
    assert.deepEqual(snapshot.kept, { module: 'Kept' });
    assert.equal(snapshotDestination(path.join(folder, 'not-yet')).entries.size, 0);
  });

  it('the registry derives from the parts: each part is a generator with its answers; the doctor is a command', () => {
    for (const part of parts) {
      assert.equal(generators[part.name].kind, 'part');
      assert.deepEqual(generators[part.name].answers, part.answers);
    }
    assert.equal(generators.doctor.kind, 'command');
    assert.equal(generators.app.kind, 'composition');
    assert.deepEqual(runOptions('linux', {}), { host: 'linux' });
    assert.deepEqual(runOptions('linux', { host: 'azure' }), { host: 'azure' });
  });
});
