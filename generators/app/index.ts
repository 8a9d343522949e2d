import { siteGeneratorClass } from '../../lib/engine/yeoman/site-generator.js';

/** `yo azure-python [destination]`: asks every question once, then composes the parts that write the site. Its steps: generatorSteps.app (lib/engine/run/steps.ts), which the direct engine runs too. */
export default siteGeneratorClass('app');
