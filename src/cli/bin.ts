#!/usr/bin/env node
/** Entry point of the `proxynas` executable. */
import { runCli } from "./main.js";

process.exitCode = await runCli(process.argv.slice(2));
