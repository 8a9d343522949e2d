import { siteGeneratorClass } from '../../lib/engine/yeoman/site-generator.js';

/** `yo azure-python:module`: the WSGI module that wfastcgi imports (or the Flask, Django or Bottle app). Its steps: generatorSteps.module (lib/engine/run/steps.ts), which the direct engine runs too. */
export default siteGeneratorClass('module');
