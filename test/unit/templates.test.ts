import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderTemplate, TemplateError } from '../../lib/engine/templates.js';
import { temporaryFolder } from '../helpers.js';

const data = {
  module: 'Shop',
  callable: 'app',
  moduleDir: 'Shop',
  moduleFile: 'Shop/Shop.py',
  wsgiHandler: 'Shop.app',
  localCommand: 'python Shop/Shop.py',
  siteRootFromModuleDir: '..',
  staticDir: '',
};

/** An overlay whose module/module.py.ejs is `template`, with `others` beside it in module/. */
function overlay(template: string, others: Record<string, string> = {}): string {
  const folder = temporaryFolder('overlay-');
  mkdirSync(path.join(folder, 'module'));
  writeFileSync(path.join(folder, 'module', 'module.py.ejs'), template);
  for (const [name, text] of Object.entries(others)) writeFileSync(path.join(folder, 'module', name), text);
  return folder;
}

describe('templates: what an overlay may include', () => {
  it('another template of the overlay', () => {
    const folder = overlay("<%- include('bottle.py.ejs') %>", { 'bottle.py.ejs': '# <%= module %>\n' });
    assert.equal(renderTemplate('module', 'module.py.ejs', data, folder), '# Shop\n');
  });

  it('nothing outside the overlay and the packaged templates: an absolute path, a climb, or a link out', () => {
    const outside = path.join(temporaryFolder('outside-'), 'secret.txt');
    writeFileSync(outside, 'not for templates\n');
    const linked = overlay("<%- include('bottle.py.ejs') %>");
    symlinkSync(outside, path.join(linked, 'module', 'bottle.py.ejs'));
    const climbing = overlay('');
    writeFileSync(path.join(climbing, 'module', 'module.py.ejs'), `<%- include(${JSON.stringify(path.relative(path.join(climbing, 'module'), outside))}) %>`);
    for (const folder of [overlay(`<%- include(${JSON.stringify(outside)}) %>`), climbing, linked]) {
      assert.throws(() => renderTemplate('module', 'module.py.ejs', data, folder), (error: unknown) => {
        assert.ok(error instanceof TemplateError);
        assert.match(error.message, /: include\(".*"\) reaches outside the overlay and the packaged templates/);
        assert.doesNotMatch(error.message, /not for templates/);
        return true;
      });
    }
  });
});
