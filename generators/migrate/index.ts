/** `yo azure-python:migrate [folder]`: a Windows site moved to App Service on Linux (lib/engine/yeoman/migrate-generator.ts). */
export { default } from '../../lib/engine/yeoman/migrate-generator.js';
