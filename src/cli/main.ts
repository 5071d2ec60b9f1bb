#!/usr/bin/env node
/**
 * The `customer-account` executable: runs {@link main} with the process's arguments.
 *
 * @module
 */
import { main } from "./Cli.ts"

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
