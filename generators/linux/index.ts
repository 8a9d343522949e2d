import { siteGeneratorClass } from '../../lib/engine/yeoman/site-generator.js';

/** `yo azure-python:linux`: App Service on Linux runs the WSGI callable with gunicorn; there is no IIS. Its steps: generatorSteps.linux (lib/engine/run/steps.ts), which the direct engine runs too. */
export default siteGeneratorClass('linux');
