import { siteGeneratorClass } from '../../lib/engine/yeoman/site-generator.js';

/** `yo azure-python:readme`: the site's own README.md. Its steps: generatorSteps.readme (lib/engine/run/steps.ts), which the direct engine runs too. */
export default siteGeneratorClass('readme');
