import { siteGeneratorClass } from '../../lib/engine/yeoman/site-generator.js';

/** `yo azure-python:workflow`: a GitHub Actions workflow that deploys each push to main. Its steps: generatorSteps.workflow (lib/engine/run/steps.ts), which the direct engine runs too. */
export default siteGeneratorClass('workflow');
