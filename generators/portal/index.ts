import { siteGeneratorClass } from '../../lib/engine/yeoman/site-generator.js';

/** `yo azure-python:portal`: Option 1, the handler mapping and app settings as files for the Azure CLI. Its steps: generatorSteps.portal (lib/engine/run/steps.ts), which the direct engine runs too. */
export default siteGeneratorClass('portal');
