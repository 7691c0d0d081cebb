#!/usr/bin/env node
/**
 * The `lamin-vault` executable: wires process streams and environment to {@link runCli}.
 * @packageDocumentation
 */
import pkg from '../../package.json' with { type: 'json' };
import { runCli } from './run.js';

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  version: pkg.version,
}).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
