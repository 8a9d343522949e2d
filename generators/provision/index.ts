import { siteGeneratorClass } from '../../lib/engine/yeoman/site-generator.js';

/** `yo azure-python:provision`: an ARM template that creates the site and its plan, as the answers describe it. Its steps: generatorSteps.provision (lib/engine/run/steps.ts), which the direct engine runs too. */
export default siteGeneratorClass('provision');
