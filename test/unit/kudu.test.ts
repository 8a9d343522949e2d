import assert from 'node:assert/strict';
import { deploymentSetting, mergeDeployment } from '../../lib/azure/kudu.js';

describe('.deployment: Kudu builds the site as Python', () => {
  it('adds the setting to a file without it, under its [config] section or a new one, keeping its line ends', () => {
    assert.deepEqual(mergeDeployment('').text, '[config]\nSCM_SCRIPT_GENERATOR_ARGS=--python\n');
    assert.equal(mergeDeployment('[config]\r\nproject = site\r\n').text, '[config]\r\nSCM_SCRIPT_GENERATOR_ARGS=--python\r\nproject = site\r\n');
    assert.equal(mergeDeployment('[other]\nx=1').text, '[other]\nx=1\n[config]\nSCM_SCRIPT_GENERATOR_ARGS=--python\n');
    assert.equal(mergeDeployment('[config]\nSCM_SCRIPT_GENERATOR_ARGS = --python\n').change, 'none');
  });

  it('another generator the user chose is a conflict that names it', () => {
    const merge = mergeDeployment('[config]\nSCM_SCRIPT_GENERATOR_ARGS=--node\n');
    assert.equal(merge.change, 'modification');
    assert.equal(merge.text, '[config]\nSCM_SCRIPT_GENERATOR_ARGS=--python\n');
    assert.deepEqual(merge.changes.map(change => change.description), ['SCM_SCRIPT_GENERATOR_ARGS=--python (was --node)']);
  });

  it('reads a setting of [config] only, whatever its case', () => {
    assert.equal(deploymentSetting('[Config]\nscm_script_generator_args=--python', 'SCM_SCRIPT_GENERATOR_ARGS'), '--python');
    assert.equal(deploymentSetting('[other]\nSCM_SCRIPT_GENERATOR_ARGS=--python', 'SCM_SCRIPT_GENERATOR_ARGS'), undefined);
  });
});
