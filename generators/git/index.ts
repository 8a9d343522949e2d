import { siteGeneratorClass } from '../../lib/engine/yeoman/site-generator.js';

/** `yo azure-python:git`: a repository ready for `git push azure`; it runs last, and commits the files the run created. Its steps: generatorSteps.git (lib/engine/run/steps.ts), which the direct engine runs too. */
export default siteGeneratorClass('git');
