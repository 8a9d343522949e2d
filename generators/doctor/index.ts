/** `yo azure-python:doctor [folder]`: the doctor under Yeoman (lib/engine/yeoman/doctor-generator.ts). */
export { default } from '../../lib/engine/yeoman/doctor-generator.js';
