/** `yo azure-python:serve [folder]`: the site run locally as its host would (lib/engine/yeoman/serve-generator.ts). */
export { default } from '../../lib/engine/yeoman/serve-generator.js';
