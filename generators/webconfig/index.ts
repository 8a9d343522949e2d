import { siteGeneratorClass } from '../../lib/engine/yeoman/site-generator.js';

/** `yo azure-python:webconfig`: Option 2, the handler, URL Rewrite rules and settings in web.config. Its steps: generatorSteps.webconfig (lib/engine/run/steps.ts), which the direct engine runs too. */
export default siteGeneratorClass('webconfig');
