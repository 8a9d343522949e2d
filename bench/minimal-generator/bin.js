#!/usr/bin/env node
// The minimal generator run without yo, the way generator-azure-python's bin runs its own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const { createEnv } = await import('yeoman-environment');
const environment = createEnv();
environment.register(path.join(path.dirname(fileURLToPath(import.meta.url)), 'generators', 'app', 'index.js'), { namespace: 'bench-minimal:app' });
await environment.run(['bench-minimal:app'], {});
